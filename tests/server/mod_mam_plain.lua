-- A plain MAM server: Prosody's mod_mam without urn:xmpp:mam:2#extended.
-- Enabled after "mam", it takes the #extended feature out of the account's disco and
-- refuses <metadata/>, as servers that implement only urn:xmpp:mam:2 do.
local st = require "util.stanza";
local xmlns_mam_ext = "urn:xmpp:mam:2#extended";

module:hook("account-disco-info", function (event)
	local reply = event.reply or event.stanza;
	-- The features are inside the reply's <query/>, where mod_mam added its own.
	local query = reply:get_child("query", "http://jabber.org/protocol/disco#info") or reply;
	query:maptags(function (tag)
		if tag.name == "feature" and tag.attr.var == xmlns_mam_ext then
			return nil;
		end
		return tag;
	end);
end, -10);

module:hook("iq-get/self/urn:xmpp:mam:2:metadata", function (event)
	event.origin.send(st.error_reply(event.stanza, "cancel", "feature-not-implemented"));
	return true;
end, 10);
