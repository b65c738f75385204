-- mod_archive: XEP-0136 Message Archiving for Prosody 0.12, the test server of archiveviewer.
--
-- Speaks two dialects over one storage:
--   * v0.9 (the seed), namespace http://jabber.org/protocol/archive: pref, auto, store, list,
--     retrieve, remove, modified, keys, delete; features #auto #manage #manual #pref.
--   * 1.x, namespace urn:xmpp:archive: pref, itemremove, sessionremove, auto, save, list,
--     retrieve, remove, modified; features urn:xmpp:archive:auto :manage :manual :pref.
-- Server-side encryption is not implemented (<auto encrypt='true'/> is feature-not-implemented).
--
-- Config options (all optional):
--   archive_auto_idle_gap = 1800      seconds of silence after which auto-archiving starts a
--                                     new collection with the same contact
--   archive_max_store_size = 1000000  bytes a collection may hold; a store beyond it is
--                                     not-acceptable
--   archive_max_page_size = 100       cap on RSM <max> (and the page size when none is asked)
--   archive_required_save = "false"   admin policy: "body" or "all" means messages must be logged
--                                     automatically: auto-archiving is on for every new stream,
--                                     <auto save='false'/> and preferences saving less are
--                                     feature-not-implemented
--   archive_allow_save_all = true     false: the server refuses to save full stanzas (save='all'
--                                     while auto-archiving is on, and the reverse)
--   archive_default_save = "false"    the server's default save mode (v0.9 words: false/body/all)
--   archive_default_otr = "allow"     the server's default OTR mode (v0.9 words)
--   archive_pref = true               false: no preferences (#pref not advertised, <pref/> not
--                                     answered), like servers that archive without them
--   archive_flush_delay = 0.2         seconds of quiet after changes before they are written
--                                     (a long burst is written every 2 s)
--   archive_log_requests = false      true: log each request's element and attributes (level
--                                     info: "archive request: <remove with='..' open='true'>"),
--                                     so a test can tell what the server received
--   archive_personality = { ... }     behave like a deployed server we did not write (any of):
--       "opaque_ids"          RSM ids of list and (1.x) modified are random tokens that this
--                             process alone knows: after a restart they are item-not-found
--       "modified_by_start"   1.x <modified/> lists the collections changed after 'start' in
--                             the order of their collection start, not of the change
--       "start_is_range"      <remove with start/> without 'end' removes from start on
--       "ignore_open"         <remove open='true'/> ignores 'open': everything that matches goes
--       "drop_notes"          <note/> items are accepted and never kept
--       "list_retrieve_only"  1.x list and retrieve only (Openfire Monitoring's shape): every
--                             other request is feature-not-implemented, the seed is not offered
--
-- Data lives in two key-value stores of Prosody's storage API, one record per user:
-- "archive136" (collections and the change log) and "archive136_prefs". Writes are batched
-- (archive_flush_delay) and flushed on shutdown, so a clean stop keeps everything.

local st = require "util.stanza";
local jid_util = require "util.jid";
local xml = require "util.xml";
local time_now = require "util.time".now;
local new_id = require "util.id".short;

local NS09 = "http://jabber.org/protocol/archive";
local NS1 = "urn:xmpp:archive";
local NS_RSM = "http://jabber.org/protocol/rsm";
local NS_XENC = "http://www.w3.org/2001/04/xmlenc#";
local NS_DS = "http://www.w3.org/2000/09/xmldsig#";

local IDLE_GAP = module:get_option_number("archive_auto_idle_gap", 1800);
local MAX_STORE = module:get_option_number("archive_max_store_size", 1000000);
local MAX_PAGE = module:get_option_number("archive_max_page_size", 100);
local REQUIRED_SAVE = module:get_option_string("archive_required_save", "false");
local ALLOW_SAVE_ALL = module:get_option_boolean("archive_allow_save_all", true);
local FLUSH_DELAY = module:get_option_number("archive_flush_delay", 0.2);
local PERSONALITY = module:get_option_set("archive_personality", {});
local OPAQUE_IDS = PERSONALITY:contains("opaque_ids");
local MODIFIED_BY_START = PERSONALITY:contains("modified_by_start");
local START_IS_RANGE = PERSONALITY:contains("start_is_range");
local IGNORE_OPEN = PERSONALITY:contains("ignore_open");
local DROP_NOTES = PERSONALITY:contains("drop_notes");
local LIST_RETRIEVE_ONLY = PERSONALITY:contains("list_retrieve_only");
-- The servers modelled speak 1.x only: with any personality the seed is not offered.
local SEED_OFFERED = PERSONALITY:empty();
local PREF = module:get_option_boolean("archive_pref", true);
local LOG_REQUESTS = module:get_option_boolean("archive_log_requests", false);

local host = module.host;
local archive_store = module:open_store("archive136");
local prefs_store = module:open_store("archive136_prefs");

---------------------------------------------------------------------------------------------
-- Dialects and the values each one speaks. Storage keeps the 1.x words.
---------------------------------------------------------------------------------------------

local save_in = {
	[NS09] = { ["false"] = "false", body = "body", all = "message" },
	[NS1] = { ["false"] = "false", body = "body", message = "message", stream = "stream" },
};
local save_out = {
	[NS09] = { ["false"] = "false", body = "body", message = "all", stream = "all" },
	[NS1] = { ["false"] = "false", body = "body", message = "message", stream = "stream" },
};
local otr_in = {
	[NS09] = { allow = "concede", deny = "forbid", try = "prefer", require = "require" },
	[NS1] = { approve = "approve", concede = "concede", forbid = "forbid", oppose = "oppose",
		prefer = "prefer", require = "require" },
};
local otr_out = {
	[NS09] = { approve = "allow", concede = "allow", forbid = "deny", oppose = "allow",
		prefer = "try", require = "require" },
	[NS1] = otr_in[NS1],
};
local use_in = {
	[NS09] = { prefer = "prefer", allow = "concede", never = "forbid" },
	[NS1] = { prefer = "prefer", concede = "concede", forbid = "forbid" },
};
local use_out = {
	[NS09] = { prefer = "prefer", concede = "allow", forbid = "never" },
	[NS1] = use_in[NS1],
};
local save_rank = { ["false"] = 0, body = 1, message = 2, stream = 2 };
local required_rank = ({ ["false"] = 0, body = 1, all = 2 })[REQUIRED_SAVE] or 0;

local DEFAULT_SAVE = save_in[NS09][module:get_option_string("archive_default_save", "false")]
	or "false";
local DEFAULT_OTR = otr_in[NS09][module:get_option_string("archive_default_otr", "allow")]
	or "concede";
local METHOD_TYPES = { "auto", "local", "manual" };

local dialects = {
	[NS09] = { ns = NS09, collection = "store", feature_sep = "#" },
	[NS1] = { ns = NS1, collection = "chat", feature_sep = ":" },
};

local features = {};
local ALL_FEATURES = { "auto", "manage", "manual", "pref" };
local offered = {
	[NS09] = SEED_OFFERED and ALL_FEATURES or {},
	[NS1] = LIST_RETRIEVE_ONLY and { "manage" } or ALL_FEATURES,
};
for _, ns in ipairs({ NS09, NS1 }) do
	for _, name in ipairs(offered[ns] or {}) do
		if name ~= "pref" or PREF then
			local var = ns .. dialects[ns].feature_sep .. name;
			table.insert(features, var);
			module:add_feature(var);
		end
	end
end
module:add_feature(NS1);
module:hook("stream-features", function(event)
	if not event.origin.username then return; end
	event.features:tag("feature", { xmlns = NS1 }):tag("optional"):up();
	if required_rank > 0 then event.features:tag("default"):up(); end
	event.features:up();
end);
module:hook("account-disco-info", function(event)
	for _, var in ipairs(features) do
		event.reply:tag("feature", { var = var }):up();
	end
	event.reply:tag("feature", { var = NS1 }):up();
end);

---------------------------------------------------------------------------------------------
-- Times (XEP-0082). Years 0000..9999, fractional seconds kept to the microsecond.
---------------------------------------------------------------------------------------------

local EPOCH_SHIFT = 62167219200; -- seconds from 0000-01-01 to 1970-01-01, to make keys positive

local function days_from_civil(y, m, d)
	if m <= 2 then y = y - 1; end
	local era = y // 400;
	local yoe = y - era * 400;
	local mp = (m + 9) % 12;
	local doy = (153 * mp + 2) // 5 + d - 1;
	local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy;
	return era * 146097 + doe - 719468;
end

local function civil_from_days(z)
	z = z + 719468;
	local era = z // 146097;
	local doe = z - era * 146097;
	local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365;
	local doy = doe - (365 * yoe + yoe // 4 - yoe // 100);
	local mp = (5 * doy + 2) // 153;
	local d = doy - (153 * mp + 2) // 5 + 1;
	local m = mp < 10 and mp + 3 or mp - 9;
	local y = yoe + era * 400;
	if m <= 2 then y = y + 1; end
	return y, m, d;
end

local days_in_month = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

-- Parse a XEP-0082 DateTime; returns whole seconds since 1970 (UTC) and microseconds.
local function parse_time(s)
	if type(s) ~= "string" then return nil; end
	local Y, M, D, h, mi, sec, rest =
		s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)T(%d%d):(%d%d):(%d%d)(.*)$");
	if not Y then return nil; end
	local frac = "";
	local f, tail = rest:match("^%.(%d+)(.*)$");
	if f then frac, rest = f, tail; end
	local offset;
	if rest == "Z" then
		offset = 0;
	else
		local sign, oh, om = rest:match("^([+-])(%d%d):(%d%d)$");
		if not sign then return nil; end
		offset = (tonumber(oh) * 3600 + tonumber(om) * 60) * (sign == "-" and -1 or 1);
	end
	Y, M, D, h, mi, sec = tonumber(Y), tonumber(M), tonumber(D), tonumber(h), tonumber(mi),
		tonumber(sec);
	if M < 1 or M > 12 or D < 1 or D > days_in_month[M] or h > 23 or mi > 59 or sec > 60 then
		return nil;
	end
	if sec == 60 then sec = 59; end
	local secs = days_from_civil(Y, M, D) * 86400 + h * 3600 + mi * 60 + sec - offset;
	if secs + EPOCH_SHIFT < 0 or secs >= 253402300800 then return nil; end
	return secs, tonumber((frac .. "000000"):sub(1, 6));
end

-- Format seconds and microseconds as a UTC DateTime; fraction only when not zero.
local function format_time(secs, us, always_fraction)
	local days, rem = secs // 86400, secs % 86400;
	local y, m, d = civil_from_days(days);
	local s = string.format("%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, rem // 3600,
		rem % 3600 // 60, rem % 60);
	if always_fraction then
		return s .. string.format(".%06dZ", us or 0);
	end
	if us and us ~= 0 then
		s = s .. "." .. (string.format("%06d", us):gsub("0+$", ""));
	end
	return s .. "Z";
end

local function sort_key(secs, us)
	return string.format("%012d%06d", secs + EPOCH_SHIFT, us);
end

local function format_us(t)
	return format_time(t // 1000000, t % 1000000, true);
end

---------------------------------------------------------------------------------------------
-- Per-user state: collections, their order, the change log. Loaded lazily, written in batches.
---------------------------------------------------------------------------------------------

local states = {};
local dirty = {};
local flush_pending = false;

local function lower_bound(array, value, key_of)
	local lo, hi = 1, #array + 1;
	while lo < hi do
		local mid = (lo + hi) // 2;
		if key_of(array[mid]) < value then lo = mid + 1; else hi = mid; end
	end
	return lo;
end

local function upper_bound(array, value, key_of)
	local lo, hi = 1, #array + 1;
	while lo < hi do
		local mid = (lo + hi) // 2;
		if key_of(array[mid]) <= value then lo = mid + 1; else hi = mid; end
	end
	return lo;
end

local function identity(x) return x; end
local function change_time(ch) return ch.t; end

local function live_changes(state)
	local live = {};
	for _, ch in ipairs(state.changes) do
		if state.latest[ch.key] == ch.t then table.insert(live, ch); end
	end
	return live;
end

local flush_now;
local first_dirty, last_dirty = 0, 0;
local FLUSH_LATENCY = 2; -- seconds a change may wait while a burst of changes goes on

-- Write every changed archive once changes pause (or have waited FLUSH_LATENCY): a burst of
-- thousands of stores costs a few writes, not one per store.
local function flush_when_quiet()
	local now = time_now();
	if now - last_dirty < FLUSH_DELAY and now - first_dirty < FLUSH_LATENCY then
		return FLUSH_DELAY;
	end
	flush_now();
end

function flush_now()
	flush_pending = false;
	local users = dirty;
	dirty = {};
	for username in pairs(users) do
		local state = states[username];
		if state.dead > 0 then
			state.changes, state.dead = live_changes(state), 0;
		end
		local ok, err = archive_store:set(username, {
			collections = state.collections, changes = state.changes, last_t = state.last_t,
		});
		if not ok then module:log("error", "Could not save the archive of %s: %s", username, err); end
	end
end

local function mark_dirty(username)
	dirty[username] = true;
	last_dirty = time_now();
	if not flush_pending then
		flush_pending, first_dirty = true, last_dirty;
		module:add_timer(FLUSH_DELAY, flush_when_quiet);
	end
end

module:hook_global("server-stopping", flush_now);
function module.unload() flush_now(); end

local function get_state(username)
	local state = states[username];
	if state then return state; end
	local data = archive_store:get(username) or {};
	state = {
		username = username,
		collections = data.collections or {},
		changes = data.changes or {},
		last_t = data.last_t or 0,
		order = {}, latest = {}, dead = 0, open = {}, expiring = {},
	};
	for key, c in pairs(state.collections) do
		table.insert(state.order, key);
		if c.expire_at then state.expiring[key] = true; end
	end
	table.sort(state.order);
	for _, ch in ipairs(state.changes) do
		if state.latest[ch.key] then state.dead = state.dead + 1; end
		state.latest[ch.key] = ch.t;
	end
	states[username] = state;
	return state;
end

-- Change times are microseconds, strictly increasing per user, so paging by time never
-- loses a change that shares a second (or a microsecond) with another.
local function note_change(state, c, removed)
	local t = math.floor(time_now() * 1000000);
	if t <= state.last_t then t = state.last_t + 1; end
	state.last_t = t;
	if state.latest[c.key] then state.dead = state.dead + 1; end
	table.insert(state.changes, { t = t, key = c.key, with = c.with, start = c.start,
		version = c.version, removed = removed or nil });
	state.latest[c.key] = t;
	mark_dirty(state.username);
end

local function new_collection(state, with, secs, us)
	local node, domain = jid_util.split(with);
	local c = {
		key = sort_key(secs, us) .. with, with = with, start = format_time(secs, us),
		secs = secs, us = us, bare = node and (node .. "@" .. domain) or domain, domain = domain,
		items = {}, keys = {}, size = 0, version = 0,
	};
	state.collections[c.key] = c;
	table.insert(state.order, lower_bound(state.order, c.key, identity), c.key);
	return c;
end

-- Record a change of ``c``. 1.x: a new collection has version 0, each later change adds 1.
local function touch(state, c, created)
	if not created then c.version = c.version + 1; end
	note_change(state, c);
end

local function remove_collection(state, c)
	state.collections[c.key] = nil;
	local i = lower_bound(state.order, c.key, identity);
	if state.order[i] == c.key then table.remove(state.order, i); end
	for with, open in pairs(state.open) do
		if open.key == c.key then state.open[with] = nil; end
	end
	note_change(state, c, true);
end

-- Only collections with an expiry are looked at (state.expiring), not the whole archive.
local function purge_expired(state)
	local now = os.time();
	local expired = {};
	for key in pairs(state.expiring) do
		local c = state.collections[key];
		if not c then
			state.expiring[key] = nil;
		elseif c.expire_at <= now then
			table.insert(expired, c);
		end
	end
	for _, c in ipairs(expired) do
		state.expiring[c.key] = nil;
		remove_collection(state, c);
	end
end

---------------------------------------------------------------------------------------------
-- Preferences
---------------------------------------------------------------------------------------------

local prefs_cache = {};

local function get_prefs(username)
	local prefs = prefs_cache[username];
	if not prefs then
		prefs = prefs_store:get(username) or {};
		prefs.items = prefs.items or {};
		prefs.methods = prefs.methods or {};
		prefs.sessions = prefs.sessions or {};
		prefs_cache[username] = prefs;
	end
	return prefs;
end

local function save_prefs(username)
	local ok, err = prefs_store:set(username, prefs_cache[username]);
	if not ok then module:log("error", "Could not save the preferences of %s: %s", username, err); end
end

local function user_sessions(username)
	local user = prosody.hosts[host].sessions[username];
	return user and user.sessions or {};
end

local function auto_enabled(session)
	if session.archive_auto ~= nil then return session.archive_auto; end
	if required_rank > 0 then return true; end
	return session.username and get_prefs(session.username).auto_global or false;
end

local function any_auto(username)
	for _, session in pairs(user_sessions(username)) do
		if auto_enabled(session) then return true; end
	end
	return false;
end

local function prefs_save_all(prefs)
	if prefs.default and save_rank[prefs.default.save] == 2 then return true; end
	for _, item in pairs(prefs.items) do
		if save_rank[item.save] == 2 then return true; end
	end
	return false;
end

-- The mode that applies to a contact: full JID, then bare JID, then domain, then the default.
local function mode_for(prefs, with)
	local node, domain = jid_util.split(with);
	local candidates = { with, node and (node .. "@" .. domain), domain };
	for i, j in ipairs(candidates) do
		-- 1.x exactmatch: a bare JID or domain item then matches that JID only
		local item = prefs.items[j];
		if item and (i == 1 or not item.exactmatch) then return item; end
	end
	return prefs.default or { save = DEFAULT_SAVE, otr = DEFAULT_OTR };
end

local function mode_attrs(ns, mode)
	return {
		save = save_out[ns][mode.save], otr = otr_out[ns][mode.otr],
		expire = mode.expire and tostring(mode.expire) or nil,
		exactmatch = ns == NS1 and mode.exactmatch and "true" or nil,
	};
end

local function add_default(el, ns, prefs)
	local attrs = mode_attrs(ns, prefs.default or { save = DEFAULT_SAVE, otr = DEFAULT_OTR });
	if not prefs.default then attrs.unset = "true"; end
	el:tag("default", attrs):up();
end

local function add_item(el, ns, j, mode)
	local attrs = mode_attrs(ns, mode);
	attrs.jid = j;
	el:tag("item", attrs):up();
end

local function add_method(el, ns, prefs, kind)
	el:tag("method", { type = kind, use = use_out[ns][prefs.methods[kind] or "concede"] }):up();
end

local function add_session(el, ns, thread, s)
	el:tag("session", { thread = thread, save = save_out[ns][s.save],
		timeout = s.timeout and tostring(s.timeout) or nil }):up();
end

local function sorted_keys(t)
	local keys = {};
	for k in pairs(t) do table.insert(keys, k); end
	table.sort(keys);
	return keys;
end

local function pref_get(event, d)
	local origin = event.origin;
	local prefs = get_prefs(origin.username);
	origin.archive_pref_listener = d.ns;
	local reply = st.reply(event.stanza):tag("pref", { xmlns = d.ns });
	if d.ns == NS1 then
		reply:tag("auto", { save = tostring(auto_enabled(origin)) }):up();
	end
	add_default(reply, d.ns, prefs);
	for _, j in ipairs(sorted_keys(prefs.items)) do add_item(reply, d.ns, j, prefs.items[j]); end
	if d.ns == NS1 then
		for _, thread in ipairs(sorted_keys(prefs.sessions)) do
			add_session(reply, d.ns, thread, prefs.sessions[thread]);
		end
	end
	local kinds = sorted_keys(prefs.methods);
	for _, kind in ipairs(METHOD_TYPES) do
		if not prefs.methods[kind] then table.insert(kinds, kind); end
	end
	table.sort(kinds);
	for _, kind in ipairs(kinds) do add_method(reply, d.ns, prefs, kind); end
	if d.ns == NS09 then
		reply:tag("auto", { save = tostring(auto_enabled(origin)) }):up();
	end
	return reply;
end

local function parse_expire(value)
	if value == nil then return true, nil; end
	if not value:match("^%d+$") then return false; end
	return true, tonumber(value);
end

-- Validate one <default/> or <item/> against the current mode; returns the new mode.
local function parse_mode(el, ns, current)
	local save, otr = current.save, current.otr;
	if el.attr.save then
		save = save_in[ns][el.attr.save];
		if not save then return nil, "unknown save mode '" .. el.attr.save .. "'"; end
	end
	if el.attr.otr then
		otr = otr_in[ns][el.attr.otr];
		if not otr then return nil, "unknown otr mode '" .. el.attr.otr .. "'"; end
	end
	if otr == "require" and save ~= "false" then
		return nil, "otr='require' needs save='false'";
	end
	local ok, expire = parse_expire(el.attr.expire);
	if not ok then return nil, "expire must be a number of seconds"; end
	-- A <default/> or <item/> replaces the old one whole: no 'expire' means never.
	local exact = el.name == "item" and (el.attr.exactmatch == "true" or el.attr.exactmatch == "1");
	return { save = save, otr = otr, expire = expire, exactmatch = exact or nil };
end

-- What the administrator's policy says of a new mode: nil, or an error condition and text.
-- v0.9 answers feature-not-implemented in both cases; 1.x not-acceptable for too little saving.
local function policy_refuses(username, mode, ns)
	if save_rank[mode.save] < required_rank then
		return ns == NS1 and "not-acceptable" or "feature-not-implemented",
			"the administrator requires that messages are archived";
	end
	if not ALLOW_SAVE_ALL and save_rank[mode.save] == 2 and any_auto(username) then
		return "feature-not-implemented", "this server does not save full message stanzas";
	end
end

local function push_to_listeners(username, build)
	for _, session in pairs(user_sessions(username)) do
		local ns = session.archive_pref_listener;
		if ns then
			local iq = st.iq({ type = "set", id = new_id(), to = session.full_jid,
				from = username .. "@" .. host });
			local el = build(ns);
			if el then
				iq:add_child(el);
				session.send(iq);
			end
		end
	end
end

local function pref_set(event, d)
	local username = event.origin.username;
	local prefs = get_prefs(username);
	local default, items, methods, sessions = nil, {}, {}, {};
	for el in event.stanza.tags[1]:childtags(nil, d.ns) do
		if el.name == "default" then
			local mode, err = parse_mode(el, d.ns, prefs.default or { save = DEFAULT_SAVE,
				otr = DEFAULT_OTR });
			if not mode then return nil, "modify", "bad-request", err; end
			local condition, refusal = policy_refuses(username, mode, d.ns);
			if condition then return nil, "cancel", condition, refusal; end
			default = mode;
		elseif el.name == "item" then
			local j = el.attr.jid and jid_util.prep(el.attr.jid);
			if not j then return nil, "modify", "bad-request", "an item needs a valid jid"; end
			local mode, err = parse_mode(el, d.ns, prefs.items[j] or mode_for(prefs, j));
			if not mode then return nil, "modify", "bad-request", err; end
			local condition, refusal = policy_refuses(username, mode, d.ns);
			if condition then return nil, "cancel", condition, refusal; end
			items[j] = mode;
		elseif el.name == "method" then
			local use = use_in[d.ns][el.attr.use or ""];
			if not el.attr.type or not use then
				return nil, "modify", "bad-request", "a method needs a type and a valid use";
			end
			methods[el.attr.type] = use;
		elseif el.name == "session" and d.ns == NS1 then
			local save = save_in[d.ns][el.attr.save or ""];
			local ok, timeout = parse_expire(el.attr.timeout);
			if not el.attr.thread or not save or not ok then
				return nil, "modify", "bad-request", "a session needs a thread and a valid save";
			end
			sessions[el.attr.thread] = { save = save, timeout = timeout };
		elseif el.name ~= "auto" then
			return nil, "modify", "bad-request", "unknown preference <" .. el.name .. "/>";
		end
	end
	if not (default or next(items) or next(methods) or next(sessions)) then
		return nil, "modify", "bad-request", "nothing to set";
	end
	prefs.default = default or prefs.default;
	for j, mode in pairs(items) do prefs.items[j] = mode; end
	for kind, use in pairs(methods) do prefs.methods[kind] = use; end
	for thread, s in pairs(sessions) do prefs.sessions[thread] = s; end
	save_prefs(username);
	push_to_listeners(username, function(ns)
		local el = st.stanza("pref", { xmlns = ns });
		if default then el:tag("default", mode_attrs(ns, default)):up(); end
		for _, j in ipairs(sorted_keys(items)) do add_item(el, ns, j, items[j]); end
		for _, kind in ipairs(sorted_keys(methods)) do add_method(el, ns, prefs, kind); end
		if ns == NS1 then
			for _, thread in ipairs(sorted_keys(sessions)) do
				add_session(el, ns, thread, sessions[thread]);
			end
		end
		return #el.tags > 0 and el or nil;
	end);
	return st.reply(event.stanza);
end

local function pref_remove(kind)
	return function(event, d)
		local username = event.origin.username;
		local prefs = get_prefs(username);
		local removed = {};
		local attr = kind == "item" and "jid" or "thread";
		local target = kind == "item" and prefs.items or prefs.sessions;
		for el in event.stanza.tags[1]:childtags(kind, d.ns) do
			local value = el.attr[attr];
			if kind == "item" then value = value and jid_util.prep(value); end
			if not value then return nil, "modify", "bad-request", "missing " .. attr; end
			table.insert(removed, value);
		end
		if #removed == 0 then return nil, "modify", "bad-request", "nothing to remove"; end
		for _, value in ipairs(removed) do
			if target[value] == nil then
				return nil, "cancel", "item-not-found", "no preference for " .. value;
			end
		end
		for _, value in ipairs(removed) do target[value] = nil; end
		save_prefs(username);
		push_to_listeners(username, function(ns)
			if ns ~= NS1 then return nil; end
			local el = st.stanza(kind .. "remove", { xmlns = NS1 });
			for _, value in ipairs(removed) do el:tag(kind, { [attr] = value }):up(); end
			return el;
		end);
		return st.reply(event.stanza);
	end
end

---------------------------------------------------------------------------------------------
-- Automatic archiving
---------------------------------------------------------------------------------------------

local function close_open_collections(username)
	if any_auto(username) then return; end
	local state = states[username];
	if state then state.open = {}; end
end

local function parse_bool(value)
	if value == "true" or value == "1" then return true; end
	if value == "false" or value == "0" then return false; end
end

local function auto_set(event, d)
	local origin, el = event.origin, event.stanza.tags[1];
	local save = parse_bool(el.attr.save);
	if save == nil then return nil, "modify", "bad-request", "save must be true or false"; end
	if parse_bool(el.attr.encrypt) then
		return nil, "cancel", "feature-not-implemented", "server-side encryption is not supported";
	end
	local prefs = get_prefs(origin.username);
	if save and not ALLOW_SAVE_ALL and prefs_save_all(prefs) then
		return nil, "cancel", "feature-not-implemented",
			"this server does not save full message stanzas";
	end
	if not save and required_rank > 0 then
		return nil, "cancel", d.ns == NS1 and "not-allowed" or "feature-not-implemented",
			"the administrator requires that messages are archived";
	end
	origin.archive_auto = save;
	if el.attr.scope == "global" then
		prefs.auto_global = save;
		save_prefs(origin.username);
	end
	if not save then close_open_collections(origin.username); end
	return st.reply(event.stanza);
end

local SKIPPED_CHILDREN = {
	["jabber:x:delay"] = true, ["urn:xmpp:delay"] = true, ["jabber:x:event"] = true,
	["http://jabber.org/protocol/chatstates"] = true,
	["http://jabber.org/protocol/xhtml-im"] = true,
};

local function archive_message(username, with, direction, stanza)
	local mtype = stanza.attr.type or "normal";
	if mtype ~= "chat" and mtype ~= "normal" then return; end
	local body = stanza:get_child_text("body");
	if not body then return; end
	local prefs = get_prefs(username);
	local mode = mode_for(prefs, with);
	if mode.save == "false" then return; end
	local state = get_state(username);
	local now = time_now();
	local open = state.open[with];
	local c = open and state.collections[open.key];
	local created = false;
	if not c or now - open.last > IDLE_GAP then
		-- A whole second names the new collection unless a collection with this contact
		-- already starts then (auto-archiving switched off and on): then the microsecond.
		local secs, us = math.floor(now), 0;
		if state.collections[sort_key(secs, us) .. with] then
			us = math.floor((now - secs) * 1000000);
		end
		c = state.collections[sort_key(secs, us) .. with];
		if not c then c, created = new_collection(state, with, secs, us), true; end
		open = { key = c.key, last = now, elapsed = c.elapsed or 0 };
		state.open[with] = open;
		if mode.expire then
			c.expire_at = secs + mode.expire;
			state.expiring[c.key] = true;
		end
	end
	local total = math.floor(now - (c.secs + c.us / 1000000) + 0.5);
	local secs = math.max(0, total - (c.elapsed or 0));
	c.elapsed = (c.elapsed or 0) + secs;
	open.last = now;
	local item = st.stanza(direction, { secs = tostring(secs) });
	if mode.save == "body" then
		item:tag("body"):text(body):up();
	else
		for _, child in ipairs(stanza.tags) do
			if child.name ~= "thread" and not SKIPPED_CHILDREN[child.attr.xmlns] then
				item:add_child(st.clone(child));
			end
		end
	end
	local text = tostring(item);
	table.insert(c.items, text);
	c.size = c.size + #text;
	touch(state, c, created);
end

local function local_user(j)
	local node, domain = jid_util.split(j);
	if node and domain == host then return node; end
end

local function on_outgoing(event)
	local origin, stanza = event.origin, event.stanza;
	if origin.type ~= "c2s" or not origin.username or not auto_enabled(origin) then return; end
	local to = stanza.attr.to;
	if not to then return; end
	archive_message(origin.username, jid_util.prep(to) or to, "to", stanza);
end

local function on_incoming(event)
	local stanza = event.stanza;
	local to, from = stanza.attr.to, stanza.attr.from;
	local username = to and local_user(to);
	if not username or not from then return; end
	local _, _, resource = jid_util.split(to);
	if resource then
		local session = user_sessions(username)[resource];
		if not (session and auto_enabled(session)) then return; end
	elseif not any_auto(username) then
		return;
	end
	archive_message(username, from, "from", stanza);
end

module:hook("pre-message/full", on_outgoing, 1);
module:hook("pre-message/bare", on_outgoing, 1);
module:hook("pre-message/host", on_outgoing, 1);
module:hook("message/full", on_incoming, 1);
module:hook("message/bare", on_incoming, 1);

---------------------------------------------------------------------------------------------
-- Requests: parsing helpers shared by both dialects
---------------------------------------------------------------------------------------------

local function parse_rsm(el)
	local set = el:get_child("set", NS_RSM);
	local rsm = {};
	if not set then return rsm; end
	local max = set:get_child_text("max", NS_RSM);
	if max then
		if not max:match("^%s*%d+%s*$") then return nil, "max must be a number"; end
		rsm.max = tonumber(max);
	end
	local index = set:get_child_text("index", NS_RSM);
	if index then
		if not index:match("^%s*%d+%s*$") then return nil, "index must be a number"; end
		rsm.index = tonumber(index);
	end
	rsm.after = set:get_child_text("after", NS_RSM);
	local before = set:get_child("before", NS_RSM);
	if before then rsm.before = before:get_text(); end
	return rsm;
end

-- A view is a sequence without copying it: n elements, get(i) for i in 1..n.
local function array_view(array)
	return { n = #array, get = function(i) return array[i]; end };
end

-- The first position whose id is >= value (> value when ``strictly``), by binary search.
local function view_bound(view, value, id_of, strictly)
	local lo, hi = 1, view.n + 1;
	while lo < hi do
		local mid = (lo + hi) // 2;
		local id = id_of(view.get(mid));
		if id < value or (strictly and id == value) then lo = mid + 1; else hi = mid; end
	end
	return lo;
end

-- One page of ``view`` (sorted by id) as RSM asks; ids are compared after ``parse_id``.
-- Costs O(log n + page), whatever the size of the archive.
local function paginate(view, rsm, id_of, parse_id)
	local max = math.min(rsm.max or MAX_PAGE, MAX_PAGE);
	local n = view.n;
	local first, stop;
	if rsm.after then
		local after = parse_id(rsm.after);
		if after == nil then return nil, "unknown <after/> id"; end
		first = view_bound(view, after, id_of, true);
	elseif rsm.before then
		local limit = n + 1;
		if rsm.before ~= "" then
			local before = parse_id(rsm.before);
			if before == nil then return nil, "unknown <before/> id"; end
			limit = view_bound(view, before, id_of, false);
		end
		first, stop = math.max(1, limit - max), limit - 1;
	else
		first = (rsm.index or 0) + 1;
	end
	stop = math.min(stop or (first + max - 1), n);
	local page = {};
	for i = first, stop do table.insert(page, view.get(i)); end
	return page, first - 1, n;
end

-- RSM ids leave through id_out and come back through id_in. With the personality
-- "opaque_ids" they are random tokens that only this process knows (nil: unknown id).
local token_of, value_of = {}, {};
local function id_out(value)
	if not OPAQUE_IDS or value == nil then return value; end
	local token = token_of[value];
	if not token then
		token = new_id();
		token_of[value], value_of[token] = token, value;
	end
	return token;
end
local function id_in(id)
	if not OPAQUE_IDS then return id; end
	return value_of[id];
end

local function add_set(el, page, offset, count, first_id, last_id)
	if count == 0 then return; end
	el:tag("set", { xmlns = NS_RSM });
	if #page > 0 then
		el:tag("first", { index = tostring(offset) }):text(first_id):up();
		el:tag("last"):text(last_id):up();
	end
	el:tag("count"):text(tostring(count)):up();
	el:up();
end

local function parse_with(value)
	if value == nil then return true, nil; end
	local prepped = jid_util.prep(value);
	if not prepped then return false; end
	return true, prepped;
end

local function with_matcher(with, exact)
	if not with then return function() return true; end end
	local node, domain, resource = jid_util.split(with);
	if exact or resource then return function(c) return c.with == with; end end
	if node then
		local bare = node .. "@" .. domain;
		return function(c) return c.bare == bare; end
	end
	return function(c) return c.domain == domain; end
end

-- Collections in chronological order, optionally limited by with/start/end, as a view.
local function select_collections(state, el, exact)
	local ok, with = parse_with(el.attr.with);
	if not ok then return nil, "with is not a valid JID"; end
	local lo, hi = 1, #state.order;
	if el.attr.start then
		local secs, us = parse_time(el.attr.start);
		if not secs then return nil, "start is not a valid date and time"; end
		lo = lower_bound(state.order, sort_key(secs, us), identity);
	end
	if el.attr["end"] then
		local secs, us = parse_time(el.attr["end"]);
		if not secs then return nil, "end is not a valid date and time"; end
		hi = lower_bound(state.order, sort_key(secs, us), identity) - 1;
	end
	if not with then
		return { n = math.max(0, hi - lo + 1),
			get = function(i) return state.collections[state.order[lo + i - 1]]; end };
	end
	local match = with_matcher(with, exact);
	local selected = {};
	for i = lo, hi do
		local c = state.collections[state.order[i]];
		if match(c) then table.insert(selected, c); end
	end
	return array_view(selected);
end

local function collection_attrs(c, d, xmlns)
	return {
		xmlns = xmlns, with = c.with, start = c.start, subject = c.subject,
		crypt = d.ns == NS09 and c.crypt and "true" or nil,
		thread = d.ns == NS1 and c.thread or nil,
		version = d.ns == NS1 and tostring(c.version) or nil,
	};
end

local function find_collection(state, el)
	local ok, with = parse_with(el.attr.with);
	local secs, us = parse_time(el.attr.start);
	if not ok or not with or not secs then
		return nil, "modify", "bad-request", "with and start must identify a collection";
	end
	local c = state.collections[sort_key(secs, us) .. with];
	if not c then return nil, "cancel", "item-not-found", "no such collection"; end
	return c;
end

local function key_name_of(el)
	local info = el:get_child("KeyInfo", NS_DS);
	return info and info:get_child_text("KeyName", NS_DS);
end

local function requested_key_names(el)
	local names;
	for name in el:childtags("KeyName", NS_DS) do
		names = names or {};
		names[name:get_text()] = true;
	end
	return names;
end

-- Items are kept dialect-neutral: the archive namespaces are dropped so that the wrapper of
-- either dialect gives them back their namespace.
local function strip_archive_ns(el)
	if el.attr.xmlns == NS09 or el.attr.xmlns == NS1 then el.attr.xmlns = nil; end
	for _, child in ipairs(el.tags) do strip_archive_ns(child); end
	return el;
end

local function valid_message(el)
	if el.attr.secs and not el.attr.secs:match("^%d+$") then return false; end
	if el.attr.utc and not parse_time(el.attr.utc) then return false; end
	return true;
end

---------------------------------------------------------------------------------------------
-- Manual archiving: <store/> (v0.9) and <save><chat/></save> (1.x)
---------------------------------------------------------------------------------------------

local function store_into(state, el)
	local ok, with = parse_with(el.attr.with);
	if not ok or not with then return nil, "modify", "bad-request", "with must be a JID"; end
	local secs, us = parse_time(el.attr.start);
	if not secs then return nil, "modify", "bad-request", "start must be a date and time"; end
	local items, keys, added, crypt, links, form = {}, {}, 0, false, {}, nil;
	for _, child in ipairs(el.tags) do
		local ns = child.attr.xmlns;
		if child.name == "EncryptedKey" and ns == NS_XENC then
			local text = tostring(child);
			table.insert(keys, { carried = child:get_child_text("CarriedKeyName", NS_XENC),
				keyname = key_name_of(child), xml = text });
			added, crypt = added + #text, true;
		elseif ns == NS_RSM then
			-- paging is not content
		elseif (ns == NS09 or ns == NS1) and (child.name == "next" or child.name == "previous") then
			-- 1.x links: one of each, an empty one removes it
			local link = child.attr.with and child.attr.start and
				tostring(strip_archive_ns(st.clone(child))) or false;
			links[child.name] = link;
		elseif child.name == "x" and ns == "jabber:x:data" then
			form = tostring(child); -- 1.x: one form per collection, the last one wins
		elseif DROP_NOTES and child.name == "note" and (ns == NS09 or ns == NS1) then
			-- the personality "drop_notes": accepted, never kept
		else
			if (child.name == "to" or child.name == "from" or child.name == "note")
				and (ns == NS09 or ns == NS1) and not valid_message(child) then
				return nil, "modify", "bad-request", "secs or utc of <" .. child.name .. "/> is wrong";
			end
			local text = tostring(strip_archive_ns(st.clone(child)));
			table.insert(items, text);
			added = added + #text;
			if child.name == "EncryptedData" and ns == NS_XENC then crypt = true; end
		end
	end
	local key = sort_key(secs, us) .. with;
	local c = state.collections[key];
	if (c and c.size or 0) + added > MAX_STORE then
		return nil, "modify", "not-acceptable", "the collection would be too large";
	end
	local created = not c;
	c = c or new_collection(state, with, secs, us);
	for name, link in pairs(links) do c[name] = link or nil; end
	if form then c.form = form; end
	if el.attr.thread then c.thread = el.attr.thread ~= "" and el.attr.thread or nil; end
	for _, text in ipairs(items) do table.insert(c.items, text); end
	for _, k in ipairs(keys) do table.insert(c.keys, k); end
	c.size = c.size + added;
	c.crypt = c.crypt or crypt or nil;
	if el.attr.subject then
		c.subject = el.attr.subject ~= "" and el.attr.subject or nil;
	end
	touch(state, c, created);
	return c;
end

local function store_09(event, d)
	local state = get_state(event.origin.username);
	local c, etype, cond, text = store_into(state, event.stanza.tags[1]);
	if not c then return nil, etype, cond, text; end
	return st.reply(event.stanza);
end

local function save_1x(event, d)
	local state = get_state(event.origin.username);
	local chat = event.stanza.tags[1]:get_child("chat", NS1);
	if not chat then return nil, "modify", "bad-request", "save needs a <chat/>"; end
	local c, etype, cond, text = store_into(state, chat);
	if not c then return nil, etype, cond, text; end
	return st.reply(event.stanza):tag("save", { xmlns = NS1 })
		:tag("chat", { with = c.with, start = c.start, subject = c.subject, thread = c.thread,
			version = tostring(c.version) }):up();
end

---------------------------------------------------------------------------------------------
-- Archive management
---------------------------------------------------------------------------------------------

local function collection_id(c) return c.key; end

local function list(event, d)
	local el = event.stanza.tags[1];
	local state = get_state(event.origin.username);
	purge_expired(state);
	local rsm, err = parse_rsm(el);
	if not rsm then return nil, "modify", "bad-request", err; end
	local selected, serr = select_collections(state, el, parse_bool(el.attr.exactmatch));
	if not selected then return nil, "modify", "bad-request", serr; end
	local page, offset, count = paginate(selected, rsm, collection_id, id_in);
	if not page then return nil, "cancel", "item-not-found", offset; end
	local reply = st.reply(event.stanza):tag("list", { xmlns = d.ns });
	for _, c in ipairs(page) do reply:tag(d.collection, collection_attrs(c, d)):up(); end
	add_set(reply, page, offset, count, page[1] and id_out(page[1].key),
		page[#page] and id_out(page[#page].key));
	return reply;
end

local function item_id(i) return i; end

local function retrieve(event, d)
	local el = event.stanza.tags[1];
	local state = get_state(event.origin.username);
	purge_expired(state);
	local rsm, err = parse_rsm(el);
	if not rsm then return nil, "modify", "bad-request", err; end
	local c, etype, cond, text = find_collection(state, el);
	if not c then return nil, etype, cond, text; end
	local positions = { n = #c.items, get = function(i) return i - 1; end };
	local page, offset, count = paginate(positions, rsm, item_id, function(s)
		return tonumber(s) and math.tointeger(tonumber(s));
	end);
	if not page then return nil, "cancel", "item-not-found", offset; end
	local reply = st.reply(event.stanza):tag(d.collection, collection_attrs(c, d, d.ns));
	for _, name in ipairs({ "previous", "next", "form" }) do
		if c[name] then reply:add_child(xml.parse(c[name])); end
	end
	local referenced = {};
	for _, pos in ipairs(page) do
		local item = xml.parse(c.items[pos + 1]);
		if item.name == "EncryptedData" and item.attr.xmlns == NS_XENC then
			local name = key_name_of(item);
			if name then referenced[name] = true; end
		end
		reply:add_child(item);
	end
	local wanted = requested_key_names(el);
	for _, k in ipairs(c.keys) do
		if k.carried and referenced[k.carried] and (not wanted or wanted[k.keyname or ""]) then
			reply:add_child(xml.parse(k.xml));
		end
	end
	add_set(reply, page, offset, count, page[1] and tostring(page[1]),
		page[#page] and tostring(page[#page]));
	return reply;
end

local function remove(event, d)
	local el = event.stanza.tags[1];
	local state = get_state(event.origin.username);
	local selected, err = select_collections(state, el, parse_bool(el.attr.exactmatch));
	if not selected then return nil, "modify", "bad-request", err; end
	local only_start = el.attr.start and not el.attr["end"] and el.attr.with;
	local start_key = only_start and not START_IS_RANGE and sort_key(parse_time(el.attr.start));
	local open = parse_bool(el.attr.open) and not IGNORE_OPEN;
	local open_keys = {};
	for _, o in pairs(state.open) do open_keys[o.key] = true; end
	local matched = {};
	for i = 1, selected.n do table.insert(matched, selected.get(i)); end
	local removed = 0;
	for _, c in ipairs(matched) do
		local same_start = not start_key or c.key:sub(1, #start_key) == start_key;
		if same_start and (not open or open_keys[c.key]) then
			remove_collection(state, c);
			removed = removed + 1;
		end
	end
	if removed == 0 then return nil, "cancel", "item-not-found", "no collection matched"; end
	return st.reply(event.stanza);
end

-- The latest change of each collection changed after ``after_t`` (µs), in change order.
local function latest_changes_after(state, after_t)
	local found = {};
	for i = upper_bound(state.changes, after_t, change_time), #state.changes do
		local ch = state.changes[i];
		if state.latest[ch.key] == ch.t then table.insert(found, ch); end
	end
	return found;
end

local function time_us(value)
	local secs, us = parse_time(value);
	return secs and (secs * 1000000 + us);
end

-- v0.9: <after/> is the time of the last change seen; <last/> the time of the page's last.
local function modified_09(state, el, rsm)
	local since = rsm.after or el.attr.start; -- start: read liberally, as 1.x puts it
	local after = -math.huge;
	if since then
		after = time_us(since);
		if not after then return nil, "modify", "bad-request", "after must be a date and time"; end
	end
	return latest_changes_after(state, after), function(ch) return format_us(ch.t); end;
end

-- 1.x: 'start' is the time; <after/> is an id this server issued, opaque to the client.
local function modified_1x(state, el, rsm)
	local since = -math.huge;
	if el.attr.start then
		since = time_us(el.attr.start);
		if not since then return nil, "modify", "bad-request", "start must be a date and time"; end
	end
	local changes = latest_changes_after(state, since);
	local id_of = function(ch) return "c" .. string.format("%d", ch.t); end;
	if MODIFIED_BY_START then
		-- the personality "modified_by_start": ordered by collection, not by change
		table.sort(changes, function(x, y) return x.key < y.key; end);
		id_of = function(ch) return "k" .. ch.key; end;
	end
	if rsm.after then
		local value = id_in(rsm.after);
		local position;
		for i, ch in ipairs(changes) do
			if id_of(ch) == value then position = i; break; end
		end
		if not position and value then
			-- the id of a change since superseded: resume after where it would sort
			local kind, rest = value:sub(1, 1), value:sub(2);
			position = 0;
			for i, ch in ipairs(changes) do
				local here = kind == "c" and ch.t <= (tonumber(rest) or -1)
					or kind == "k" and ch.key <= rest;
				if here then position = i; end
			end
			if kind ~= "c" and kind ~= "k" then position = nil; end
		end
		if not position then return nil, "cancel", "item-not-found", "unknown <after/> id"; end
		local rest = {};
		for i = position + 1, #changes do table.insert(rest, changes[i]); end
		changes = rest;
	end
	return changes, function(ch) return id_out(id_of(ch)); end;
end

local function modified(event, d)
	local el = event.stanza.tags[1];
	local state = get_state(event.origin.username);
	purge_expired(state);
	local rsm, err = parse_rsm(el);
	if not rsm then return nil, "modify", "bad-request", err; end
	local changes, id_of, cond, text = (d.ns == NS1 and modified_1x or modified_09)(state, el, rsm);
	if not changes then return nil, id_of, cond, text; end
	-- The changes after the point asked for, each collection at its latest change only; the
	-- rest is counted.
	local max = math.min(rsm.max or MAX_PAGE, MAX_PAGE);
	local page = {};
	for i = 1, math.min(max, #changes) do page[i] = changes[i]; end
	local reply = st.reply(event.stanza):tag("modified", { xmlns = d.ns });
	for _, ch in ipairs(page) do
		local attrs = { with = ch.with, start = ch.start };
		if d.ns == NS1 then attrs.version = tostring(ch.version or 0); end
		reply:tag(ch.removed and "removed" or "changed", attrs):up();
	end
	add_set(reply, page, 0, #changes, page[1] and id_of(page[1]), page[#page] and id_of(page[#page]));
	return reply;
end

local function keys(event, d)
	local el = event.stanza.tags[1];
	local state = get_state(event.origin.username);
	purge_expired(state);
	local rsm, err = parse_rsm(el);
	if not rsm then return nil, "modify", "bad-request", err; end
	local wanted = requested_key_names(el);
	if not wanted then return nil, "modify", "bad-request", "keys needs a <KeyName/>"; end
	local matching = {};
	for _, key in ipairs(state.order) do
		local c = state.collections[key];
		for _, k in ipairs(c.keys) do
			if wanted[k.keyname or ""] then table.insert(matching, c); break; end
		end
	end
	local page, offset, count = paginate(array_view(matching), rsm, collection_id, identity);
	if not page then return nil, "cancel", "item-not-found", offset; end
	local reply = st.reply(event.stanza):tag("keys", { xmlns = d.ns });
	for _, c in ipairs(page) do
		reply:tag("store", { with = c.with, start = c.start });
		for _, k in ipairs(c.keys) do
			if wanted[k.keyname or ""] then reply:add_child(xml.parse(k.xml)); end
		end
		reply:up();
	end
	add_set(reply, page, offset, count, page[1] and page[1].key, page[#page] and page[#page].key);
	return reply;
end

local function delete_keys(event, d)
	local el = event.stanza.tags[1];
	local state = get_state(event.origin.username);
	local c, etype, cond, text = find_collection(state, el);
	if not c then return nil, etype, cond, text; end
	local wanted = requested_key_names(el);
	if not wanted then return nil, "modify", "bad-request", "delete needs a <KeyName/>"; end
	local kept = {};
	for _, k in ipairs(c.keys) do
		if wanted[k.keyname or ""] then c.size = c.size - #k.xml; else table.insert(kept, k); end
	end
	if #kept ~= #c.keys then
		c.keys = kept;
		touch(state, c);
	end
	return st.reply(event.stanza);
end

---------------------------------------------------------------------------------------------
-- Routing: every request is answered, never with a traceback
---------------------------------------------------------------------------------------------

local function guarded(handler, d)
	return function(event)
		local origin, stanza = event.origin, event.stanza;
		if origin.type ~= "c2s" or not origin.username or origin.host ~= host then
			origin.send(st.error_reply(stanza, "cancel", "forbidden"));
			return true;
		end
		if LOG_REQUESTS then
			local el, attrs = stanza.tags[1], {};
			for name, value in pairs(el.attr) do
				if name ~= "xmlns" then table.insert(attrs, (" %s='%s'"):format(name, value)); end
			end
			table.sort(attrs);
			module:log("info", "archive request: <%s%s>", el.name, table.concat(attrs));
		end
		local ok, reply, etype, cond, text = xpcall(handler, debug.traceback, event, d);
		if not ok then
			module:log("error", "Archive request failed: %s", reply);
			origin.send(st.error_reply(stanza, "wait", "internal-server-error"));
		elseif reply then
			origin.send(reply);
		else
			origin.send(st.error_reply(stanza, etype, cond, text));
		end
		return true;
	end
end

local function not_offered()
	return nil, "cancel", "feature-not-implemented", "this server lists and retrieves only";
end

local function route(ns, name, types, handler)
	if (ns == NS09 and not SEED_OFFERED)
		or (LIST_RETRIEVE_ONLY and name ~= "list" and name ~= "retrieve") then
		handler = not_offered;
	end
	for _, iq_type in ipairs(types) do
		local h = guarded(handler, dialects[ns]);
		module:hook("iq-" .. iq_type .. "/self/" .. ns .. ":" .. name, h);
		module:hook("iq-" .. iq_type .. "/host/" .. ns .. ":" .. name, h);
	end
end

for _, ns in ipairs({ NS09, NS1 }) do
	if PREF then
		route(ns, "pref", { "get" }, pref_get);
		route(ns, "pref", { "set" }, pref_set);
	end
	route(ns, "auto", { "set" }, auto_set);
	route(ns, "list", { "get" }, list);
	route(ns, "retrieve", { "get" }, retrieve);
	route(ns, "remove", { "set" }, remove);
	route(ns, "modified", { "get" }, modified);
end
route(NS09, "store", { "set" }, store_09);
route(NS09, "keys", { "get" }, keys);
-- The seed's example deletes with type='get'; a change of state is a set. Accept both.
route(NS09, "delete", { "set", "get" }, delete_keys);
route(NS1, "save", { "set" }, save_1x);
route(NS1, "itemremove", { "set" }, pref_remove("item"));
route(NS1, "sessionremove", { "set" }, pref_remove("session"));
