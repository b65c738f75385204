<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About archiveviewer</source>
        <translation>Über archiveviewer</translation>
    </message>
    <message>
        <source>Read, search and look after your XMPP chat history.</source>
        <translation>Ihren XMPP-Gesprächsverlauf lesen, durchsuchen und pflegen.</translation>
    </message>
    <message>
        <source>Free software under the licence %1.</source>
        <translation>Freie Software unter der Lizenz %1.</translation>
    </message>
    <message>
        <source>Built on</source>
        <translation>Aufgebaut auf</translation>
    </message>
</context>
<context>
    <name>AccountConnector</name>
    <message>
        <source>Browsing the sample archive.</source>
        <extracomment>The account shown (None: the sample, or nothing chosen yet).</extracomment>
        <translation>Sie sehen das Beispielarchiv.</translation>
    </message>
    <message>
        <source>Removed %1; its local copy is kept.</source>
        <translation>%1 entfernt; die lokale Kopie bleibt erhalten.</translation>
    </message>
    <message>
        <source>Removed %1 and its local copy.</source>
        <translation>%1 und die lokale Kopie entfernt.</translation>
    </message>
    <message>
        <source>Offline: %1 Use Connect to try again.</source>
        <translation>Offline: %1 Mit „Verbinden“ erneut versuchen.</translation>
    </message>
    <message>
        <source>Account saved. Use Connect to log in.</source>
        <translation>Konto gespeichert. Mit „Verbinden“ anmelden.</translation>
    </message>
    <message>
        <source>Password kept until you quit</source>
        <translation>Passwort bis zum Beenden gemerkt</translation>
    </message>
    <message>
        <source>This computer has no password store that archiveviewer can use, so your password is kept only until you quit. The next time you start archiveviewer it will ask for it again.</source>
        <translation>Dieser Computer hat keinen Passwortspeicher, den archiveviewer nutzen kann. Ihr Passwort wird daher nur bis zum Beenden gemerkt; beim nächsten Start fragt archiveviewer erneut danach.</translation>
    </message>
    <message>
        <source>Opening an account is not available in this build.</source>
        <translation>Konten lassen sich in dieser Ausgabe nicht öffnen.</translation>
    </message>
    <message>
        <source>Connected as %1.</source>
        <translation>Verbunden als %1.</translation>
    </message>
    <message>
        <source>The local copy of %1 was not opened: its upgrade goes on from where it stopped the next time you open it.</source>
        <translation>Die lokale Kopie von %1 wurde nicht geöffnet: Ihre Aktualisierung geht beim nächsten Öffnen dort weiter, wo sie angehalten wurde.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Automatic (collections when the server keeps both)</source>
        <extracomment>Where the history is read from, as the account dialog offers it (the default first).</extracomment>
        <translation>Automatisch (Sammlungen, wenn der Server beides führt)</translation>
    </message>
    <message>
        <source>Message archive (MAM), read only</source>
        <translation>Nachrichtenarchiv (MAM), nur lesen</translation>
    </message>
    <message>
        <source>Collections (XEP-0136): removal, notes, subjects</source>
        <translation>Sammlungen (XEP-0136): Löschen, Notizen, Betreffe</translation>
    </message>
    <message>
        <source>Most servers keep only the message archive. When a server keeps both, Automatic reads its collections, which also allow removal, notes and subjects. A choice the server does not offer is reported when you sync.</source>
        <translation>Die meisten Server führen nur das Nachrichtenarchiv. Führt ein Server beides, liest „Automatisch“ seine Sammlungen, die auch Löschen, Notizen und Betreffe erlauben. Eine Wahl, die der Server nicht anbietet, wird beim Synchronisieren gemeldet.</translation>
    </message>
    <message>
        <source>Log in</source>
        <extracomment>The result code of &quot;Save without connecting&quot;.</extracomment>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Konto hinzufügen</translation>
    </message>
    <message>
        <source>Remember password (in the system keyring)</source>
        <translation>Passwort merken (im Schlüsselbund des Systems)</translation>
    </message>
    <message>
        <source>found automatically</source>
        <translation>wird automatisch gefunden</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Save without connecting</source>
        <translation>Ohne Verbinden speichern</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Server (optional):</source>
        <translation>&amp;Server (optional):</translation>
    </message>
    <message>
        <source>P&amp;ort (optional):</source>
        <translation>P&amp;ort (optional):</translation>
    </message>
    <message>
        <source>&amp;History from:</source>
        <translation>&amp;Verlauf aus:</translation>
    </message>
    <message>
        <source>The connection is always encrypted, and the server&apos;s certificate is always checked.</source>
        <translation>Die Verbindung ist immer verschlüsselt, und das Zertifikat des Servers wird immer geprüft.</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Remove the account %1 from archiveviewer? Its password is forgotten too. The archive on the server is not touched.

Keep the local copy of its history on this computer?</source>
        <translation>Das Konto %1 aus archiveviewer entfernen? Sein Passwort wird ebenfalls vergessen. Das Archiv auf dem Server bleibt unberührt.

Die lokale Kopie seines Verlaufs auf diesem Computer behalten?</translation>
    </message>
    <message>
        <source>Remove, keep the local copy</source>
        <translation>Entfernen, lokale Kopie behalten</translation>
    </message>
    <message>
        <source>Remove with its local copy</source>
        <translation>Mit der lokalen Kopie entfernen</translation>
    </message>
</context>
<context>
    <name>AccountList</name>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>shown now</source>
        <translation>wird angezeigt</translation>
    </message>
    <message>
        <source>No account is saved yet. Add yours to see your own history.</source>
        <translation>Noch kein Konto gespeichert. Fügen Sie Ihres hinzu, um Ihren eigenen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen …</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>Konto &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Open the &amp;sample archive</source>
        <translation>&amp;Beispielarchiv öffnen</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>The sample archive is read-only. Add your account to change, sync or decrypt your own history.</source>
        <translation>Das Beispielarchiv ist schreibgeschützt. Fügen Sie Ihr Konto hinzu, um Ihren eigenen Verlauf zu ändern, zu synchronisieren oder zu entschlüsseln.</translation>
    </message>
    <message>
        <source>Not available: you are browsing an archive without a server connection.</source>
        <translation>Nicht verfügbar: Sie lesen ein Archiv ohne Verbindung zum Server.</translation>
    </message>
    <message>
        <source>Not available while offline: this needs the server. Use Connect (Ctrl+Shift+R) to try again; reading and searching the local copy keep working.</source>
        <translation>Offline nicht verfügbar: Dafür wird der Server gebraucht. Mit „Verbinden“ (Strg+Umschalt+R) erneut versuchen; Lesen und Suchen in der lokalen Kopie funktionieren weiter.</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <extracomment>Text like &quot;Ctrl+R&quot; or a standard key; made a QKeySequence only once Qt runs. A freedesktop icon name; the theme&apos;s icon if it has one, else the text alone.</extracomment>
        <translation>Konto &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Connect your own XMPP account</source>
        <translation>Ihr eigenes XMPP-Konto verbinden</translation>
    </message>
    <message>
        <source>Acc&amp;ounts…</source>
        <translation>K&amp;onten …</translation>
    </message>
    <message>
        <source>Switch between, edit or remove your saved accounts</source>
        <translation>Zwischen gespeicherten Konten wechseln, sie bearbeiten oder entfernen</translation>
    </message>
    <message>
        <source>Co&amp;nnect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Connect to the server now (or again)</source>
        <translation>Jetzt (erneut) mit dem Server verbinden</translation>
    </message>
    <message>
        <source>Open the s&amp;ample archive</source>
        <translation>&amp;Beispielarchiv öffnen</translation>
    </message>
    <message>
        <source>Browse the sample archive again</source>
        <translation>Wieder das Beispielarchiv ansehen</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Synchronisieren</translation>
    </message>
    <message>
        <source>Fetch what changed on the server</source>
        <translation>Holen, was sich auf dem Server geändert hat</translation>
    </message>
    <message>
        <source>&amp;Decrypt</source>
        <translation>&amp;Entschlüsseln</translation>
    </message>
    <message>
        <source>Decrypt the open conversation</source>
        <translation>Die geöffnete Unterhaltung entschlüsseln</translation>
    </message>
    <message>
        <source>&amp;Find in conversation…</source>
        <translation>Im Gespräch &amp;suchen…</translation>
    </message>
    <message>
        <source>Find words in the open conversation</source>
        <translation>Wörter im geöffneten Gespräch suchen</translation>
    </message>
    <message>
        <source>&amp;Go to date…</source>
        <translation>&amp;Gehe zu Datum …</translation>
    </message>
    <message>
        <source>Pick a day on a calendar to list its conversations</source>
        <translation>Einen Tag im Kalender wählen und seine Unterhaltungen zeigen</translation>
    </message>
    <message>
        <source>Ne&amp;wer conversation with this contact</source>
        <translation>N&amp;euere Unterhaltung mit diesem Kontakt</translation>
    </message>
    <message>
        <source>Open the next conversation with the same contact</source>
        <translation>Die nächste Unterhaltung mit demselben Kontakt öffnen</translation>
    </message>
    <message>
        <source>O&amp;lder conversation with this contact</source>
        <translation>Ä&amp;ltere Unterhaltung mit diesem Kontakt</translation>
    </message>
    <message>
        <source>Open the previous conversation with the same contact</source>
        <translation>Die vorige Unterhaltung mit demselben Kontakt öffnen</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>&amp;Notiz hinzufügen …</translation>
    </message>
    <message>
        <source>Add a private note to the open conversation</source>
        <translation>Der geöffneten Unterhaltung eine private Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Edit s&amp;ubject…</source>
        <translation>&amp;Betreff bearbeiten …</translation>
    </message>
    <message>
        <source>Change the subject of the open conversation</source>
        <translation>Den Betreff der geöffneten Unterhaltung ändern</translation>
    </message>
    <message>
        <source>&amp;Delete selected conversations…</source>
        <translation>Ausgewählte Unterhaltungen &amp;löschen …</translation>
    </message>
    <message>
        <source>Remove the selected conversations from the server</source>
        <translation>Die ausgewählten Unterhaltungen vom Server entfernen</translation>
    </message>
    <message>
        <source>Delete conversations of the chosen &amp;day or month…</source>
        <translation>Unterhaltungen des gewählten &amp;Tages oder Monats löschen …</translation>
    </message>
    <message>
        <source>Remove every conversation of the day or month chosen in the dates</source>
        <translation>Alle Unterhaltungen des in den Daten gewählten Tages oder Monats entfernen</translation>
    </message>
    <message>
        <source>Delete all conversations with the &amp;contact…</source>
        <translation>Alle Unterhaltungen mit dem &amp;Kontakt löschen …</translation>
    </message>
    <message>
        <source>Remove every conversation with the chosen contact</source>
        <translation>Alle Unterhaltungen mit dem gewählten Kontakt entfernen</translation>
    </message>
    <message>
        <source>&amp;Copy conversation</source>
        <translation>Unterhaltung &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the open conversation as text</source>
        <translation>Die geöffnete Unterhaltung als Text kopieren</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>Unterhaltung &amp;exportieren …</translation>
    </message>
    <message>
        <source>Save the open conversation as a text file</source>
        <translation>Die geöffnete Unterhaltung als Textdatei speichern</translation>
    </message>
    <message>
        <source>Archiving &amp;preferences…</source>
        <translation>Archivierungs&amp;einstellungen …</translation>
    </message>
    <message>
        <source>Read and change what your server archives, for whom, and for how long</source>
        <translation>Lesen und ändern, was Ihr Server archiviert, für wen und wie lange</translation>
    </message>
    <message>
        <source>E&amp;xport conversations…</source>
        <translation>Unterhaltungen e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Save conversations as a web page, text, an archive file or a portable export</source>
        <translation>Unterhaltungen als Webseite, Text, Archivdatei oder portablen Export speichern</translation>
    </message>
    <message>
        <source>&amp;Open archive file…</source>
        <translation>Archivdatei ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Browse an archive file or a portable export, read-only</source>
        <translation>Eine Archivdatei oder einen portablen Export ansehen, nur lesend</translation>
    </message>
    <message>
        <source>&amp;Restore bookmarks and private XML…</source>
        <translation>Lesezeichen und privates XML &amp;wiederherstellen …</translation>
    </message>
    <message>
        <source>Restore bookmarks and private XML from a portable export, after showing what changes</source>
        <translation>Lesezeichen und privates XML aus einem portablen Export wiederherstellen, nachdem gezeigt wurde, was sich ändert</translation>
    </message>
    <message>
        <source>Tras&amp;h…</source>
        <translation>&amp;Papierkorb …</translation>
    </message>
    <message>
        <source>Conversations you removed from the server: restore them or delete them</source>
        <translation>Unterhaltungen, die Sie vom Server entfernt haben: wiederherstellen oder löschen</translation>
    </message>
    <message>
        <source>&amp;Upload archive file…</source>
        <translation>Archivdatei &amp;hochladen…</translation>
    </message>
    <message>
        <source>Store a file&apos;s conversations on your server, encrypted for your key if you wish</source>
        <translation>Die Unterhaltungen einer Datei auf Ihrem Server speichern, auf Wunsch für Ihren Schlüssel verschlüsselt</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Nachrichten durchsuchen</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>Change how archiveviewer syncs and shows times</source>
        <translation>Einstellen, wie archiveviewer synchronisiert und Zeiten zeigt</translation>
    </message>
    <message>
        <source>&amp;Keys…</source>
        <translation>&amp;Schlüssel…</translation>
    </message>
    <message>
        <source>The private keys of encrypted conversations</source>
        <translation>Die privaten Schlüssel verschlüsselter Unterhaltungen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit archiveviewer</source>
        <translation>archiveviewer beenden</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window</source>
        <translation>Alle Tastenkürzel des Fensters</translation>
    </message>
    <message>
        <source>&amp;About archiveviewer</source>
        <translation>Ü&amp;ber archiveviewer</translation>
    </message>
    <message>
        <source>Version, licence and the libraries used</source>
        <translation>Version, Lizenz und verwendete Bibliotheken</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <extracomment>The menus, left to right, each with its actions in order (&quot;-&quot; is a separator).</extracomment>
        <translation>&amp;Archiv</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Re&amp;connect</source>
        <translation>Neu &amp;verbinden</translation>
    </message>
</context>
<context>
    <name>ArchiveBrowser</name>
    <message>
        <source>Filter contacts</source>
        <extracomment>The chosen contact, date or selected conversations changed. (collection id, its header as the server listed it or None): open it. The contacts just read (a list of ``ContactRow``). Days and times are shown in another zone now (a ``tzinfo``, or None: the system&apos;s). The conversation on screen (the window&apos;s pane says; None: nothing open). A conversation to select once the list is counted, and what to do then.</extracomment>
        <translation>Kontakte filtern</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Show conversations with everyone</source>
        <translation>Unterhaltungen mit allen zeigen</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Alle Daten</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Daten</translation>
    </message>
</context>
<context>
    <name>BookmarkDialog</name>
    <message>
        <source>Add bookmark</source>
        <extracomment>The two kinds of bookmark, as the data of the &quot;Kind&quot; choice.</extracomment>
        <translation>Lesezeichen hinzufügen</translation>
    </message>
    <message>
        <source>Chat room</source>
        <translation>Chatraum</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>Webadresse</translation>
    </message>
    <message>
        <source>Join when I log in</source>
        <translation>Beim Anmelden betreten</translation>
    </message>
    <message>
        <source>Show password</source>
        <translation>Passwort zeigen</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Nick</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>This bookmark carries data from another client that this editor does not show; it is kept unchanged when you save.</source>
        <translation>Dieses Lesezeichen enthält Daten eines anderen Clients, die dieser Editor nicht zeigt; sie bleiben beim Speichern unverändert erhalten.</translation>
    </message>
</context>
<context>
    <name>BookmarkMenus</name>
    <message>
        <source>Add your account first: bookmarks are kept on your server.</source>
        <translation>Fügen Sie zuerst Ihr Konto hinzu: Lesezeichen liegen auf Ihrem Server.</translation>
    </message>
    <message>
        <source>&amp;Bookmarks…</source>
        <translation>&amp;Lesezeichen …</translation>
    </message>
    <message>
        <source>See and edit your bookmarks in every home on the server</source>
        <translation>Ihre Lesezeichen in allen Speicherorten auf dem Server ansehen und bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Private XML…</source>
        <translation>&amp;Privates XML …</translation>
    </message>
    <message>
        <source>Inspect and edit any private XML stored on the server</source>
        <translation>Beliebiges privates XML auf dem Server ansehen und bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>A&amp;dvanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
</context>
<context>
    <name>BookmarkTableModel</name>
    <message>
        <source>Name</source>
        <extracomment>The row&apos;s :class:`BookmarkRow`, for any column. Column titles, marked for the translators and translated when shown.</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>Room or address</source>
        <translation>Raum oder Adresse</translation>
    </message>
    <message>
        <source>Autojoin</source>
        <translation>Automatisch betreten</translation>
    </message>
    <message>
        <source>Nick</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <source>Stored in</source>
        <translation>Gespeichert in</translation>
    </message>
    <message>
        <source>Other clients&apos; data</source>
        <translation>Daten anderer Clients</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>in step</source>
        <translation>stimmt überein</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>erhalten</translation>
    </message>
</context>
<context>
    <name>BookmarksWindow</name>
    <message>
        <source>private storage</source>
        <translation>privater Speicher</translation>
    </message>
    <message>
        <source>As the server and other clients do</source>
        <extracomment>The choices of where new bookmarks go: (label, setting value).</extracomment>
        <translation>Wie der Server und andere Clients</translation>
    </message>
    <message>
        <source>PEP (XEP-0402) only</source>
        <translation>Nur PEP (XEP-0402)</translation>
    </message>
    <message>
        <source>Private storage only</source>
        <translation>Nur privater Speicher</translation>
    </message>
    <message>
        <source>Every home</source>
        <translation>Alle Speicherorte</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Lesezeichen</translation>
    </message>
    <message>
        <source>Reading your bookmarks…</source>
        <translation>Ihre Lesezeichen werden gelesen …</translation>
    </message>
    <message>
        <source>Filter by name, address or nick</source>
        <translation>Nach Name, Adresse oder Spitzname filtern</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen …</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <source>Duplicate…</source>
        <translation>Duplizieren …</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren …</translation>
    </message>
    <message>
        <source>New bookmarks go to:</source>
        <translation>Neue Lesezeichen speichern in:</translation>
    </message>
    <message>
        <source>Bring homes in step</source>
        <translation>Speicherorte angleichen</translation>
    </message>
    <message>
        <source>Make every home like:</source>
        <translation>Alle Speicherorte angleichen an:</translation>
    </message>
    <message>
        <source>Your server offers: {homes}.</source>
        <translation>Ihr Server bietet: {homes}.</translation>
    </message>
    <message>
        <source>A new room is written to {homes} (the server keeps the homes in step itself).</source>
        <translation>Ein neuer Raum wird in {homes} geschrieben (der Server hält die Speicherorte selbst in Übereinstimmung).</translation>
    </message>
    <message>
        <source>A new room is written to {homes}.</source>
        <translation>Ein neuer Raum wird in {homes} geschrieben.</translation>
    </message>
    <message>
        <source>{address}: {differences}.</source>
        <translation>{address}: {differences}.</translation>
    </message>
    <message>
        <source>{home} (remove it everywhere)</source>
        <translation>{home} (überall entfernen)</translation>
    </message>
    <message>
        <source>New bookmarks will be written to: {homes}</source>
        <translation>Neue Lesezeichen werden geschrieben nach: {homes}</translation>
    </message>
    <message>
        <source>Add bookmark</source>
        <translation>Lesezeichen hinzufügen</translation>
    </message>
    <message>
        <source>Edit bookmark</source>
        <translation>Lesezeichen bearbeiten</translation>
    </message>
    <message>
        <source>Duplicate bookmark</source>
        <translation>Lesezeichen duplizieren</translation>
    </message>
    <message>
        <source>Bookmark saved.</source>
        <translation>Lesezeichen gespeichert.</translation>
    </message>
    <message>
        <source>Bookmark changed meanwhile</source>
        <translation>Lesezeichen inzwischen geändert</translation>
    </message>
    <message>
        <source>Keep your change, or the one already on the server?</source>
        <translation>Ihre Änderung behalten oder die, die schon auf dem Server ist?</translation>
    </message>
    <message>
        <source>Keep my change</source>
        <translation>Meine Änderung behalten</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Die andere behalten</translation>
    </message>
    <message>
        <source>Delete bookmark</source>
        <translation>Lesezeichen löschen</translation>
    </message>
    <message>
        <source>Delete “{name}” from {homes}?</source>
        <translation>„{name}“ aus {homes} löschen?</translation>
    </message>
    <message>
        <source>Every home now follows {home}.</source>
        <translation>Alle Speicherorte wurden angeglichen an: {home}.</translation>
    </message>
    <message>
        <source>Export bookmarks</source>
        <translation>Lesezeichen exportieren</translation>
    </message>
    <message>
        <source>Import bookmarks</source>
        <translation>Lesezeichen importieren</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation>{path} konnte nicht geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <source>Bookmarks exported to {path}.</source>
        <translation>Lesezeichen nach {path} exportiert.</translation>
    </message>
    <message>
        <source>Could not read {path}: {reason}.</source>
        <translation>{path} konnte nicht gelesen werden: {reason}.</translation>
    </message>
    <message>
        <source>Imported: {added} added, {updated} updated, {unchanged} already there.</source>
        <translation>Importiert: {added} hinzugefügt, {updated} aktualisiert, {unchanged} schon vorhanden.</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <source>Go to date</source>
        <extracomment>The earliest date a date picker offers (its &quot;any day&quot;); far before any archive. The day the user chose (a ``datetime.date``).</extracomment>
        <translation>Gehe zu Datum</translation>
    </message>
    <message>
        <source>Days in bold have conversations.</source>
        <translation>Fett gedruckte Tage haben Unterhaltungen.</translation>
    </message>
    <message>
        <source>Go to this day</source>
        <translation>Zu diesem Tag</translation>
    </message>
</context>
<context>
    <name>ChoiceBox</name>
    <message>
        <source>{value} (not in this server&apos;s dialect)</source>
        <translation>{value} (nicht im Dialekt dieses Servers)</translation>
    </message>
</context>
<context>
    <name>CollectionListModel</name>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Verschlüsselt</translation>
    </message>
    <message>
        <source>Encrypted: the messages can be counted once decrypted</source>
        <translation>Verschlüsselt: die Nachrichten lassen sich nach dem Entschlüsseln zählen</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>verschlüsselt</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>nicht verschlüsselt</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
</context>
<context>
    <name>ConnectionLabel</name>
    <message numerus="yes">
        <source>Retrying in %n second(s).</source>
        <translation>
            <numerusform>Neuer Versuch in %n Sekunde.</numerusform>
            <numerusform>Neuer Versuch in %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Retrying now…</source>
        <translation>Neuer Versuch läuft …</translation>
    </message>
</context>
<context>
    <name>ContactTexts</name>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n Unterhaltung</numerusform>
            <numerusform>%n Unterhaltungen</numerusform>
        </translation>
    </message>
    <message>
        <source>whole history synced</source>
        <translation>ganzer Verlauf synchronisiert</translation>
    </message>
    <message>
        <source>history synced back to %1</source>
        <translation>Verlauf synchronisiert zurück bis %1</translation>
    </message>
</context>
<context>
    <name>ConversationCommands</name>
    <message numerus="yes">
        <source>Decrypted text of %n conversation(s) removed from the local copy.</source>
        <translation>
            <numerusform>Entschlüsselter Text von %n Unterhaltung aus der lokalen Kopie entfernt.</numerusform>
            <numerusform>Entschlüsselter Text von %n Unterhaltungen aus der lokalen Kopie entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation decrypted and kept in the local copy: search finds it.</source>
        <translation>Unterhaltung entschlüsselt und in der lokalen Kopie behalten: Die Suche findet sie.</translation>
    </message>
    <message>
        <source>Conversation decrypted, in memory only: search does not find it (see Settings).</source>
        <translation>Unterhaltung entschlüsselt, nur im Arbeitsspeicher: Die Suche findet sie nicht (siehe Einstellungen).</translation>
    </message>
    <message>
        <source>A private note, kept with this conversation:</source>
        <translation>Eine private Notiz, die bei dieser Unterhaltung bleibt:</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Notiz hinzugefügt.</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>Edit subject</source>
        <translation>Betreff bearbeiten</translation>
    </message>
    <message>
        <source>Subject not encrypted</source>
        <translation>Betreff nicht verschlüsselt</translation>
    </message>
    <message>
        <source>Save unencrypted subject</source>
        <translation>Unverschlüsselten Betreff speichern</translation>
    </message>
    <message>
        <source>Subject saved.</source>
        <translation>Betreff gespeichert.</translation>
    </message>
    <message>
        <source>Not sent: %1 Your text is kept below; send it again when you can.</source>
        <translation>Nicht gesendet: %1 Ihr Text steht unten noch; senden Sie ihn erneut, sobald es geht.</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Choose a conversation to read it.</source>
        <extracomment>Another conversation, or none, is shown now. True when decrypted text is kept in the local copy (the commands know the setting).</extracomment>
        <translation>Wählen Sie eine Unterhaltung, um sie zu lesen.</translation>
    </message>
    <message>
        <source>Decrypt…</source>
        <translation>Entschlüsseln …</translation>
    </message>
    <message>
        <source>Loading the conversation with %1…</source>
        <translation>Die Unterhaltung mit %1 wird geladen …</translation>
    </message>
    <message>
        <source>No subject</source>
        <translation>Kein Betreff</translation>
    </message>
    <message>
        <source> · encrypted</source>
        <translation> · verschlüsselt</translation>
    </message>
    <message>
        <source> · decrypted: kept in the local copy, so search finds it</source>
        <translation> · entschlüsselt: in der lokalen Kopie behalten, die Suche findet sie</translation>
    </message>
    <message>
        <source> · decrypted in memory only: search does not find it</source>
        <translation> · nur im Arbeitsspeicher entschlüsselt: Die Suche findet sie nicht</translation>
    </message>
    <message>
        <source>with %1 · started %2</source>
        <translation>mit %1 · begonnen %2</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
</context>
<context>
    <name>ExpiryField</name>
    <message>
        <source>Expiry amount</source>
        <translation>Aufbewahrungsdauer</translation>
    </message>
    <message>
        <source>Expiry unit</source>
        <translation>Einheit der Aufbewahrungsdauer</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export conversations</source>
        <extracomment>Emitted (from any thread) with conversations done and their total. The user pressed Export: the commands start the export and keep the dialog open.</extracomment>
        <translation>Unterhaltungen exportieren</translation>
    </message>
    <message numerus="yes">
        <source>The %n selected conversation(s)</source>
        <translation>
            <numerusform>Die %n ausgewählte Unterhaltung</numerusform>
            <numerusform>Die %n ausgewählten Unterhaltungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Every conversation with %1</source>
        <translation>Jede Unterhaltung mit %1</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Only conversations started between</source>
        <translation>Nur Unterhaltungen, begonnen zwischen</translation>
    </message>
    <message>
        <source>Web page, to read in a browser (.html)</source>
        <translation>Webseite, im Browser zu lesen (.html)</translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation>Reiner Text (.txt)</translation>
    </message>
    <message>
        <source>Archive file, encrypted conversations kept (XEP-0136, .xml)</source>
        <translation>Archivdatei, verschlüsselte Unterhaltungen bleiben verschlüsselt (XEP-0136, .xml)</translation>
    </message>
    <message>
        <source>Portable account export (XEP-0227, .xml)</source>
        <translation>Portabler Konto-Export (XEP-0227, .xml)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen …</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Conversations:</source>
        <translation>Unterhaltungen:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>Speichern unter:</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>%1 of %2 conversations</source>
        <translation>%1 von %2 Unterhaltungen</translation>
    </message>
</context>
<context>
    <name>FileCommands</name>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation>
            <numerusform>%n Unterhaltung nach %1 exportiert.</numerusform>
            <numerusform>%n Unterhaltungen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open archive file</source>
        <translation>Archivdatei öffnen</translation>
    </message>
    <message>
        <source>Archive files (*.xml);;All files (*)</source>
        <translation>Archivdateien (*.xml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Showing %1 (read-only).</source>
        <translation>%1 wird angezeigt (nur lesend).</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this conversation</source>
        <translation>In diesem Gespräch suchen</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>&amp;Vorherige</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Nächste</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
</context>
<context>
    <name>ItemsTab</name>
    <message>
        <source>Contact</source>
        <extracomment>The user asks to save the edited item / remove the item with this JID.</extracomment>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>romeo@montague.net, a full JID or a domain</source>
        <translation>romeo@montague.net, eine vollständige JID oder eine Domain</translation>
    </message>
    <message>
        <source>Match exactly this JID (not its resources, not the domain&apos;s users)</source>
        <translation>Genau diese JID treffen (nicht ihre Ressourcen, nicht die Nutzer der Domain)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Save &amp;contact preference</source>
        <translation>&amp;Kontakteinstellung speichern</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Con&amp;tact:</source>
        <translation>Kon&amp;takt:</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>genau</translation>
    </message>
</context>
<context>
    <name>KeyPassphraseDialog</name>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
</context>
<context>
    <name>KeyTable</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>Öffnet</translation>
    </message>
    <message>
        <source>Also called</source>
        <translation>Auch genannt</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n Unterhaltung</numerusform>
            <numerusform>%n Unterhaltungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Entsperrt</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
</context>
<context>
    <name>KeysWindow</name>
    <message>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Encrypted conversations name the key they were encrypted for. Import a key from another client under the name that client gives it; a key you do not name is tried on every name this program does not know, and keeps the names it opens.</source>
        <translation>Verschlüsselte Unterhaltungen nennen den Schlüssel, für den sie verschlüsselt wurden. Importieren Sie einen Schlüssel aus einem anderen Programm unter dem Namen, den jenes Programm ihm gibt; ein Schlüssel ohne Namen wird bei jedem Namen versucht, den dieses Programm nicht kennt, und behält die Namen, die er öffnet.</translation>
    </message>
    <message>
        <source>&amp;Generate…</source>
        <translation>&amp;Erzeugen…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Export public key…</source>
        <translation>Öffentlichen Schlüssel e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>&amp;Passphrase ändern…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>&amp;Continue re-key…</source>
        <translation>Schlüsselwechsel &amp;fortsetzen…</translation>
    </message>
    <message>
        <source>&amp;Unlock…</source>
        <translation>&amp;Entsperren…</translation>
    </message>
    <message>
        <source>Lock &amp;all</source>
        <translation>&amp;Alle sperren</translation>
    </message>
    <message>
        <source>Re-&amp;key archive…</source>
        <translation>Archiv auf neuen &amp;Schlüssel…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>Add your account to see which conversations each key opens.</source>
        <translation>Fügen Sie Ihr Konto hinzu, um zu sehen, welche Unterhaltungen jeder Schlüssel öffnet.</translation>
    </message>
    <message>
        <source>“Opens” counts the conversations in the local copy of %1.</source>
        <translation>„Öffnet“ zählt die Unterhaltungen in der lokalen Kopie von %1.</translation>
    </message>
    <message>
        <source>Re-keying %1 from “%2” to “%3” did not finish. Continue it to move the remaining conversations; those already moved are not touched again.</source>
        <translation>Der Schlüsselwechsel von %1 von „%2“ auf „%3“ wurde nicht beendet. Setzen Sie ihn fort, um die übrigen Unterhaltungen zu verschieben; bereits verschobene werden nicht noch einmal angefasst.</translation>
    </message>
    <message>
        <source>“%1” is locked.</source>
        <translation>„%1“ ist gesperrt.</translation>
    </message>
    <message>
        <source>“%1” is unlocked until you quit or lock it.</source>
        <translation>„%1“ ist entsperrt, bis Sie das Programm beenden oder den Schlüssel sperren.</translation>
    </message>
    <message>
        <source>Enter the passphrase of “%1” to unlock it.</source>
        <translation>Geben Sie die Passphrase von „%1“ ein, um ihn zu entsperren.</translation>
    </message>
    <message>
        <source>All keys are locked.</source>
        <translation>Alle Schlüssel sind gesperrt.</translation>
    </message>
    <message>
        <source>Add your account first: re-keying changes its archive.</source>
        <translation>Fügen Sie zuerst Ihr Konto hinzu: Der Schlüsselwechsel ändert sein Archiv.</translation>
    </message>
    <message>
        <source>Generate a key</source>
        <translation>Schlüssel erzeugen</translation>
    </message>
    <message>
        <source>Generating a key; this takes a few seconds…</source>
        <translation>Der Schlüssel wird erzeugt; das dauert einige Sekunden…</translation>
    </message>
    <message>
        <source>Made the key “%1”.</source>
        <translation>Der Schlüssel „%1“ ist erzeugt.</translation>
    </message>
    <message>
        <source>Import a private key</source>
        <translation>Privaten Schlüssel importieren</translation>
    </message>
    <message>
        <source>Private keys (*.pem *.key *.der *.p12 *.pfx);;All files (*)</source>
        <translation>Private Schlüssel (*.pem *.key *.der *.p12 *.pfx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>This key file is protected. Enter its passphrase.</source>
        <translation>Diese Schlüsseldatei ist geschützt. Geben Sie ihre Passphrase ein.</translation>
    </message>
    <message>
        <source>Import a key</source>
        <translation>Schlüssel importieren</translation>
    </message>
    <message>
        <source>Rename the key</source>
        <translation>Schlüssel umbenennen</translation>
    </message>
    <message>
        <source>Export the public key</source>
        <translation>Öffentlichen Schlüssel exportieren</translation>
    </message>
    <message>
        <source>PEM public keys (*.pem)</source>
        <translation>Öffentliche PEM-Schlüssel (*.pem)</translation>
    </message>
    <message>
        <source>Saved the public key to %1.</source>
        <translation>Der öffentliche Schlüssel ist in %1 gespeichert.</translation>
    </message>
    <message>
        <source>Enter the current passphrase of “%1”.</source>
        <translation>Geben Sie die jetzige Passphrase von „%1“ ein.</translation>
    </message>
    <message>
        <source>The passphrase of “%1” is changed.</source>
        <translation>Die Passphrase von „%1“ ist geändert.</translation>
    </message>
    <message>
        <source>Delete the key “%1”? Conversations encrypted only for this key cannot be read any more on this computer, unless you import the key again. Export its public key or re-key the archive first if you still need them.</source>
        <translation>Den Schlüssel „%1“ löschen? Unterhaltungen, die nur für diesen Schlüssel verschlüsselt sind, können auf diesem Computer nicht mehr gelesen werden, bis Sie den Schlüssel wieder importieren. Exportieren Sie vorher seinen öffentlichen Schlüssel oder verschlüsseln Sie das Archiv neu, wenn Sie sie noch brauchen.</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) of this account would become unreadable.</source>
        <translation>
            <numerusform>%n Unterhaltung dieses Kontos wäre dann nicht mehr lesbar.</numerusform>
            <numerusform>%n Unterhaltungen dieses Kontos wären dann nicht mehr lesbar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete key</source>
        <translation>Schlüssel löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Conversations</source>
        <extracomment>(splitter, the setting that keeps its position)</extracomment>
        <translation>&amp;Unterhaltungen</translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation>Such&amp;e</translation>
    </message>
    <message>
        <source>me</source>
        <translation>ich</translation>
    </message>
    <message>
        <source>sample archive</source>
        <translation>Beispielarchiv</translation>
    </message>
    <message>
        <source>There is no key store in this archive.</source>
        <translation>Dieses Archiv hat keinen Schlüsselspeicher.</translation>
    </message>
</context>
<context>
    <name>MamTab</name>
    <message>
        <source>Keep every conversation</source>
        <translation>Jede Unterhaltung aufbewahren</translation>
    </message>
    <message>
        <source>Keep conversations with my contacts only</source>
        <translation>Nur Unterhaltungen mit meinen Kontakten aufbewahren</translation>
    </message>
    <message>
        <source>Keep no conversations</source>
        <translation>Keine Unterhaltungen aufbewahren</translation>
    </message>
    <message>
        <source>What your server&apos;s message archive (MAM, the archive most servers keep today) keeps of your conversations. Changes are sent when you press Save.</source>
        <translation>Was das Nachrichtenarchiv Ihres Servers (MAM, das Archiv, das die meisten Server heute führen) von Ihren Unterhaltungen aufbewahrt. Änderungen werden gesendet, wenn Sie „Speichern“ drücken.</translation>
    </message>
    <message>
        <source>&amp;Always keep</source>
        <translation>&amp;Immer aufbewahren</translation>
    </message>
    <message>
        <source>Ne&amp;ver keep</source>
        <translation>Nie a&amp;ufbewahren</translation>
    </message>
    <message>
        <source>Use the de&amp;fault</source>
        <translation>Voreinstellung &amp;verwenden</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Default:</source>
        <translation>&amp;Voreinstellung:</translation>
    </message>
    <message>
        <source>Always kept:</source>
        <translation>Immer aufbewahrt:</translation>
    </message>
    <message>
        <source>Never kept:</source>
        <translation>Nie aufbewahrt:</translation>
    </message>
    <message>
        <source>Message archive preferences need a connected account.</source>
        <translation>Einstellungen des Nachrichtenarchivs brauchen ein verbundenes Konto.</translation>
    </message>
    <message>
        <source>Saved: the server now keeps what is shown.</source>
        <translation>Gespeichert: Der Server bewahrt jetzt auf, was angezeigt wird.</translation>
    </message>
    <message>
        <source>Type a JID to see what the server keeps of it.</source>
        <translation>Geben Sie eine JID ein, um zu sehen, was der Server davon aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>MessageBridge</name>
    <message>
        <source>Something went wrong. This is a bug in archiveviewer; please copy the details and report it.</source>
        <translation>Etwas ist schiefgegangen. Das ist ein Fehler in archiveviewer; bitte kopieren Sie die Details und melden Sie ihn.</translation>
    </message>
</context>
<context>
    <name>MethodsTab</name>
    <message>
        <source>Save &amp;methods</source>
        <translation>&amp;Methoden speichern</translation>
    </message>
    <message>
        <source>Archive this connection&apos;s messages automatically on the server</source>
        <translation>Die Nachrichten dieser Verbindung automatisch auf dem Server archivieren</translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation>&amp;Geltungsbereich:</translation>
    </message>
    <message>
        <source>Encrypt what the server archives automatically</source>
        <translation>Verschlüsseln, was der Server automatisch archiviert</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>Archiving methods: what your clients should use</source>
        <translation>Archivierungsmethoden: was Ihre Clients verwenden sollen</translation>
    </message>
    <message>
        <source>Automatic archiving</source>
        <translation>Automatische Archivierung</translation>
    </message>
    <message>
        <source>Use of {kind} archiving</source>
        <translation>Verwendung der Archivierung „{kind}“</translation>
    </message>
    <message>
        <source>This server does not offer automatic archiving.</source>
        <translation>Dieser Server bietet keine automatische Archivierung an.</translation>
    </message>
    <message>
        <source>The server did not say whether it archives automatically.</source>
        <translation>Der Server hat nicht mitgeteilt, ob er automatisch archiviert.</translation>
    </message>
    <message>
        <source>For this connection, automatic archiving is on.</source>
        <translation>Für diese Verbindung ist die automatische Archivierung eingeschaltet.</translation>
    </message>
    <message>
        <source>For this connection, automatic archiving is off.</source>
        <translation>Für diese Verbindung ist die automatische Archivierung ausgeschaltet.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>This is the oldest conversation with %1.</source>
        <extracomment>Rows read around a conversation to find its neighbours (collections starting together). Steps through the list: towards older conversations (down the list) or newer ones.</extracomment>
        <translation>Das ist die älteste Unterhaltung mit %1.</translation>
    </message>
    <message>
        <source>This is the newest conversation with %1.</source>
        <translation>Das ist die neueste Unterhaltung mit %1.</translation>
    </message>
    <message>
        <source>There are no conversations to go to.</source>
        <translation>Es gibt keine Unterhaltungen, zu denen man gehen kann.</translation>
    </message>
    <message>
        <source>No conversations on %1; showing %2, the nearest day with some.</source>
        <translation>Keine Unterhaltungen am %1; gezeigt wird %2, der nächste Tag mit Unterhaltungen.</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>Dieselbe Passphrase noch einmal</translation>
    </message>
    <message>
        <source>The private key is stored on this computer protected by this passphrase.</source>
        <translation>Der private Schlüssel wird auf diesem Computer mit dieser Passphrase geschützt gespeichert.</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Noch einmal:</translation>
    </message>
</context>
<context>
    <name>NoteCommands</name>
    <message>
        <source>The note&apos;s text (it keeps its time, %1):</source>
        <translation>Der Text der Notiz (sie behält ihre Zeit, %1):</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Notiz bearbeiten</translation>
    </message>
    <message>
        <source>Not sent: %1 Your text is kept below; send it again when you can.</source>
        <translation>Nicht gesendet: %1 Ihr Text steht unten noch; senden Sie ihn erneut, sobald es geht.</translation>
    </message>
    <message>
        <source>Note changed.</source>
        <translation>Notiz geändert.</translation>
    </message>
    <message>
        <source>Delete this note from the server?

%1

Written %2.</source>
        <translation>Diese Notiz vom Server löschen?

%1

Geschrieben %2.</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>Notiz löschen</translation>
    </message>
    <message>
        <source>Note deleted.</source>
        <translation>Notiz gelöscht.</translation>
    </message>
    <message>
        <source>at an unknown time</source>
        <translation>zu unbekannter Zeit</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Decrypt</source>
        <translation>Entschlüsseln</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>This conversation is encrypted. Enter the passphrase of your private key to read it. The key stays unlocked until you quit or lock it in the Keys window.</source>
        <translation>Diese Unterhaltung ist verschlüsselt. Geben Sie die Passphrase Ihres privaten Schlüssels ein, um sie zu lesen. Der Schlüssel bleibt entsperrt, bis Sie das Programm beenden oder ihn im Fenster „Schlüssel“ sperren.</translation>
    </message>
    <message>
        <source>This conversation is encrypted for your key “%1”, which is locked. Enter its passphrase to read it. The key stays unlocked until you quit or lock it in the Keys window.</source>
        <translation>Diese Unterhaltung ist für Ihren Schlüssel „%1“ verschlüsselt, der gesperrt ist. Geben Sie seine Passphrase ein, um sie zu lesen. Der Schlüssel bleibt entsperrt, bis Sie das Programm beenden oder ihn im Fenster „Schlüssel“ sperren.</translation>
    </message>
</context>
<context>
    <name>PrefsDialog</name>
    <message>
        <source>Archiving preferences</source>
        <translation>Archivierungseinstellungen</translation>
    </message>
    <message>
        <source>Save &amp;default</source>
        <extracomment>What this dialog is saving right now: the server&apos;s push of it is no news.</extracomment>
        <translation>&amp;Standard speichern</translation>
    </message>
    <message>
        <source>Contact to explain</source>
        <translation>Zu erklärender Kontakt</translation>
    </message>
    <message>
        <source>a contact or a JID</source>
        <translation>ein Kontakt oder eine JID</translation>
    </message>
    <message>
        <source>D&amp;efault</source>
        <translation>&amp;Standard</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Kontakte</translation>
    </message>
    <message>
        <source>&amp;Methods and automatic archiving</source>
        <translation>&amp;Methoden und automatische Archivierung</translation>
    </message>
    <message>
        <source>Message &amp;archive (MAM)</source>
        <translation>Nachrichten&amp;archiv (MAM)</translation>
    </message>
    <message>
        <source>Which rule applies to:</source>
        <translation>Welche Regel gilt für:</translation>
    </message>
    <message>
        <source>This server keeps a message archive (MAM) only.</source>
        <translation>Dieser Server führt nur ein Nachrichtenarchiv (MAM).</translation>
    </message>
    <message>
        <source>This server speaks {dialect}.</source>
        <translation>Dieser Server spricht {dialect}.</translation>
    </message>
    <message>
        <source>Pick a contact or type a JID to see what the server does.</source>
        <translation>Wählen Sie einen Kontakt oder geben Sie eine JID ein, um zu sehen, was der Server tut.</translation>
    </message>
    <message>
        <source>The connection came back: the preferences were read again.</source>
        <translation>Die Verbindung ist wieder da: die Einstellungen wurden neu gelesen.</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>den Standard</translation>
    </message>
    <message>
        <source>the preference for {jid}</source>
        <translation>die Einstellung für {jid}</translation>
    </message>
    <message>
        <source>the archiving methods</source>
        <translation>die Archivierungsmethoden</translation>
    </message>
    <message>
        <source>Another of your devices removed the preference for {jids} while you were editing it.</source>
        <translation>Ein anderes Ihrer Geräte hat die Einstellung für {jids} entfernt, während Sie sie bearbeitet haben.</translation>
    </message>
    <message>
        <source>Another of your devices removed the preference for {jids}.</source>
        <translation>Ein anderes Ihrer Geräte hat die Einstellung für {jids} entfernt.</translation>
    </message>
    <message>
        <source>Another of your devices changed {what} while you were editing it; the dialog now shows the new values and your unsaved change is gone.</source>
        <translation>Ein anderes Ihrer Geräte hat {what} geändert, während Sie bearbeitet haben; der Dialog zeigt jetzt die neuen Werte, und Ihre ungespeicherte Änderung ist verworfen.</translation>
    </message>
    <message>
        <source>Another of your devices changed {what}.</source>
        <translation>Ein anderes Ihrer Geräte hat {what} geändert.</translation>
    </message>
    <message>
        <source>Something went wrong. This is a bug in archiveviewer.</source>
        <translation>Etwas ist schiefgegangen. Das ist ein Fehler in archiveviewer.</translation>
    </message>
</context>
<context>
    <name>PrefsEntry</name>
    <message>
        <source>Automatic archiving is on</source>
        <extracomment>The current account&apos;s message-archive preferences (the MAM tab); None without one.</extracomment>
        <translation>Automatische Archivierung ist eingeschaltet</translation>
    </message>
    <message>
        <source>Archiving preferences…</source>
        <translation>Archivierungseinstellungen …</translation>
    </message>
</context>
<context>
    <name>PrivateXmlInspector</name>
    <message>
        <source>Private XML</source>
        <translation>Privates XML</translation>
    </message>
    <message>
        <source>element, e.g. settings</source>
        <translation>Element, z. B. settings</translation>
    </message>
    <message>
        <source>namespace, e.g. urn:example:settings</source>
        <translation>Namensraum, z. B. urn:example:settings</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Nothing is stored in this namespace.</source>
        <translation>In diesem Namensraum ist nichts gespeichert.</translation>
    </message>
    <message>
        <source>Choose a namespace.</source>
        <translation>Wählen Sie einen Namensraum.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Namespaces</source>
        <translation>Namensräume</translation>
    </message>
    <message>
        <source>Well-formed, one element in a namespace of its own: it can be saved.</source>
        <translation>Wohlgeformt, ein Element in einem eigenen Namensraum: es kann gespeichert werden.</translation>
    </message>
    <message>
        <source>Reading “{namespace}”…</source>
        <translation>„{namespace}“ wird gelesen …</translation>
    </message>
    <message>
        <source>Nothing is stored in “{namespace}”.</source>
        <translation>In „{namespace}“ ist nichts gespeichert.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Private XML saved.</source>
        <translation>Privates XML gespeichert.</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <source>Note</source>
        <extracomment>The link scheme of the reader&apos;s own actions (Decrypt in place); never opened by the desktop. Links after a note: ``archiveviewer:note-edit/3`` changes the note that is item 3. Name colours: medium tones that read on light and dark backgrounds alike.</extracomment>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Encrypted message</source>
        <translation>Verschlüsselte Nachricht</translation>
    </message>
    <message>
        <source>Decrypt…</source>
        <translation>Entschlüsseln …</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>bearbeiten</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>löschen</translation>
    </message>
</context>
<context>
    <name>Regrouper</name>
    <message numerus="yes">
        <source>Message archive conversations regrouped: %n conversation(s).</source>
        <translation>
            <numerusform>Unterhaltungen des Nachrichtenarchivs neu gruppiert: %n Unterhaltung.</numerusform>
            <numerusform>Unterhaltungen des Nachrichtenarchivs neu gruppiert: %n Unterhaltungen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RekeyDialog</name>
    <message>
        <source>Re-key the archive</source>
        <extracomment>Emitted with (conversations done, conversations to move). The user pressed Re-key.</extracomment>
        <translation>Archiv auf einen neuen Schlüssel umstellen</translation>
    </message>
    <message>
        <source>Re-keying moves the encrypted conversations of %1 on the server from one of your keys to another: each conversation&apos;s data key is wrapped for the new key, then the old key&apos;s copy is deleted. The messages are not sent again. You can cancel at any time and continue later; no conversation is lost or moved twice.</source>
        <translation>Der Schlüsselwechsel verschiebt die verschlüsselten Unterhaltungen von %1 auf dem Server von einem Ihrer Schlüssel auf einen anderen: Der Datenschlüssel jeder Unterhaltung wird für den neuen Schlüssel verpackt, danach wird die Kopie für den alten Schlüssel gelöscht. Die Nachrichten werden nicht noch einmal gesendet. Sie können jederzeit abbrechen und später fortsetzen; keine Unterhaltung geht verloren oder wird doppelt verschoben.</translation>
    </message>
    <message>
        <source>&amp;From the key:</source>
        <translation>&amp;Vom Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;To the key:</source>
        <translation>&amp;Auf den Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Re-key</source>
        <translation>&amp;Umstellen</translation>
    </message>
    <message>
        <source>Choose two different keys.</source>
        <translation>Wählen Sie zwei verschiedene Schlüssel.</translation>
    </message>
    <message>
        <source>Finding the conversations encrypted for the old key…</source>
        <translation>Die für den alten Schlüssel verschlüsselten Unterhaltungen werden gesucht…</translation>
    </message>
    <message numerus="yes">
        <source>Moved %1 of %n conversation(s)…</source>
        <translation>
            <numerusform>%1 von %n Unterhaltung verschoben…</numerusform>
            <numerusform>%1 von %n Unterhaltungen verschoben…</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Re-keying stopped. Re-key again to continue.</source>
        <translation>Der Schlüsselwechsel wurde unterbrochen. Starten Sie ihn erneut, um fortzufahren.</translation>
    </message>
    <message>
        <source>Cancelling after this conversation…</source>
        <translation>Wird nach dieser Unterhaltung abgebrochen…</translation>
    </message>
    <message>
        <source>No conversation on the server is encrypted for the old key: nothing to move.</source>
        <translation>Keine Unterhaltung auf dem Server ist für den alten Schlüssel verschlüsselt: Es gibt nichts zu verschieben.</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %2 conversations. %n conversation(s) still use the old key: re-key again to move them.</source>
        <translation>
            <numerusform>Abgebrochen nach %1 von %2 Unterhaltungen. %n Unterhaltung nutzt noch den alten Schlüssel: Schlüssel erneut wechseln, um sie zu verschieben.</numerusform>
            <numerusform>Abgebrochen nach %1 von %2 Unterhaltungen. %n Unterhaltungen nutzen noch den alten Schlüssel: Schlüssel erneut wechseln, um sie zu verschieben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n conversation(s) to the new key.</source>
        <translation>
            <numerusform>%n Unterhaltung auf den neuen Schlüssel verschoben.</numerusform>
            <numerusform>%n Unterhaltungen auf den neuen Schlüssel verschoben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) stayed on the old key:</source>
        <translation>
            <numerusform>%n Unterhaltung blieb beim alten Schlüssel:</numerusform>
            <numerusform>%n Unterhaltungen blieben beim alten Schlüssel:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Removal</name>
    <message>
        <source>It is removed from the server and kept in the trash on this computer (Archive → Trash…), from where you can restore it.</source>
        <translation>Sie wird vom Server entfernt und auf diesem Computer im Papierkorb aufbewahrt (Archiv → Papierkorb …), aus dem Sie sie wiederherstellen können.</translation>
    </message>
    <message>
        <source>They are removed from the server and kept in the trash on this computer (Archive → Trash…), from where you can restore them.</source>
        <translation>Sie werden vom Server entfernt und auf diesem Computer im Papierkorb aufbewahrt (Archiv → Papierkorb …), aus dem Sie sie wiederherstellen können.</translation>
    </message>
    <message>
        <source>Removed %n conversation(s).</source>
        <translation>%n Unterhaltung(en) entfernt.</translation>
    </message>
    <message>
        <source>Remove this conversation from the server?</source>
        <translation>Diese Unterhaltung vom Server entfernen?</translation>
    </message>
    <message>
        <source>Remove these %n conversations from the server?</source>
        <translation>Diese %n Unterhaltungen vom Server entfernen?</translation>
    </message>
    <message>
        <source>• and %n more</source>
        <translation>• und %n weitere</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>am %1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>im %1</translation>
    </message>
    <message>
        <source>Remove the one conversation %1 from the server?</source>
        <translation>Die eine Unterhaltung %1 vom Server entfernen?</translation>
    </message>
    <message>
        <source>Remove all %n conversations %1 from the server?</source>
        <translation>Alle %n Unterhaltungen %1 vom Server entfernen?</translation>
    </message>
    <message>
        <source>Remove the one conversation with %1 (%2) %3 from the server?</source>
        <translation>Die eine Unterhaltung mit %1 (%2) %3 vom Server entfernen?</translation>
    </message>
    <message>
        <source>Remove all %n conversations with %1 (%2) %3 from the server?</source>
        <translation>Alle %n Unterhaltungen mit %1 (%2) %3 vom Server entfernen?</translation>
    </message>
    <message>
        <source>, on %1</source>
        <translation>, am %1</translation>
    </message>
    <message>
        <source>, from %1 to %2</source>
        <translation>, vom %1 bis %2</translation>
    </message>
    <message>
        <source>Remove the one conversation with %1 (%2)%3, from the server?</source>
        <translation>Die eine Unterhaltung mit %1 (%2)%3 vom Server entfernen?</translation>
    </message>
    <message>
        <source>Remove all %n conversations with %1 (%2)%3, from the server?</source>
        <translation>Alle %n Unterhaltungen mit %1 (%2)%3 vom Server entfernen?</translation>
    </message>
</context>
<context>
    <name>RemovalCommands</name>
    <message>
        <source>Remove conversations</source>
        <translation>Unterhaltungen entfernen</translation>
    </message>
    <message>
        <source>Remove from server</source>
        <translation>Vom Server entfernen</translation>
    </message>
    <message>
        <source>The server removed more</source>
        <translation>Der Server hat mehr entfernt</translation>
    </message>
    <message>
        <source>Removed the conversations %1.</source>
        <translation>Die Unterhaltungen %1 entfernt.</translation>
    </message>
    <message>
        <source>Removed all conversations with %1.</source>
        <translation>Alle Unterhaltungen mit %1 entfernt.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from %1</source>
        <translation>Aus %1 wiederherstellen</translation>
    </message>
    <message>
        <source>Restoring adds what your server lacks and merges bookmarks it has. Nothing else on the server is touched. Exported by %1.</source>
        <translation>Beim Wiederherstellen kommt hinzu, was Ihrem Server fehlt, und vorhandene Lesezeichen werden zusammengeführt. Sonst wird auf dem Server nichts verändert. Exportiert von %1.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Also &amp;replace private XML that differs on the server</source>
        <translation>Auch privates XML &amp;ersetzen, das auf dem Server anders ist</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>Lesezeichen</translation>
    </message>
    <message>
        <source>Private XML</source>
        <translation>Privates XML</translation>
    </message>
    <message>
        <source>differs on the server: replaced by the file&apos;s</source>
        <translation>auf dem Server anders: wird durch das aus der Datei ersetzt</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>merged with the server&apos;s</source>
        <translation>mit dem auf dem Server zusammengeführt</translation>
    </message>
    <message>
        <source>already on the server</source>
        <translation>schon auf dem Server</translation>
    </message>
    <message>
        <source>differs on the server: the server&apos;s is kept</source>
        <translation>auf dem Server anders: das auf dem Server bleibt</translation>
    </message>
    <message>
        <source>cannot be restored</source>
        <translation>kann nicht wiederhergestellt werden</translation>
    </message>
</context>
<context>
    <name>RestoreEntry</name>
    <message>
        <source>Connect your account first: bookmarks and private XML are restored on your server.</source>
        <translation>Verbinden Sie zuerst Ihr Konto: Lesezeichen und privates XML werden auf Ihrem Server wiederhergestellt.</translation>
    </message>
    <message>
        <source>Restore from export</source>
        <translation>Aus Export wiederherstellen</translation>
    </message>
    <message>
        <source>Portable exports (*.xml);;All files (*)</source>
        <translation>Portable Exporte (*.xml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Comparing %1 with the server…</source>
        <translation>%1 wird mit dem Server verglichen …</translation>
    </message>
    <message>
        <source>Restored: %1 bookmarks added, %2 merged, %3 private XML namespaces stored.</source>
        <translation>Wiederhergestellt: %1 Lesezeichen hinzugefügt, %2 zusammengeführt, %3 Namensräume privates XML gespeichert.</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <source>Save Mode</source>
        <translation>Speichermodus</translation>
    </message>
    <message>
        <source>OTR Mode</source>
        <translation>OTR-Modus</translation>
    </message>
    <message>
        <source>&amp;Save Mode:</source>
        <translation>&amp;Speichermodus:</translation>
    </message>
    <message>
        <source>&amp;OTR Mode:</source>
        <translation>&amp;OTR-Modus:</translation>
    </message>
    <message>
        <source>E&amp;xpire after:</source>
        <translation>&amp;Löschen nach:</translation>
    </message>
</context>
<context>
    <name>SampleBanner</name>
    <message>
        <source>This is a sample archive. Add your account to see your own history.</source>
        <translation>Dies ist ein Beispielarchiv. Fügen Sie Ihr Konto hinzu, um Ihren eigenen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>Konto hinzufügen …</translation>
    </message>
</context>
<context>
    <name>SearchFilterBar</name>
    <message>
        <source>any day</source>
        <extracomment>The date edits&apos; &quot;any day&quot;: before any archive (the sample&apos;s conversations are from 1469). What the &quot;Search in&quot; choices keep: (direction, kinds).</extracomment>
        <translation>beliebiger Tag</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Messages I sent</source>
        <translation>Von mir gesendete Nachrichten</translation>
    </message>
    <message>
        <source>Messages I received</source>
        <translation>An mich gerichtete Nachrichten</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>Betreffzeilen</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <source>Best match first</source>
        <translation>Beste Treffer zuerst</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>Suchen in</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Bis:</translation>
    </message>
    <message>
        <source>All contacts</source>
        <translation>Alle Kontakte</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search messages (Ctrl+F)</source>
        <translation>Nachrichten durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft …</translation>
    </message>
    <message numerus="yes">
        <source>%n encrypted conversation(s) not searched: only text kept in the local copy is searched.</source>
        <translation>
            <numerusform>%n verschlüsseltes Gespräch nicht durchsucht: Durchsucht wird nur Text, der in der lokalen Kopie liegt.</numerusform>
            <numerusform>%n verschlüsselte Gespräche nicht durchsucht: Durchsucht wird nur Text, der in der lokalen Kopie liegt.</numerusform>
        </translation>
    </message>
    <message>
        <source>No results match.</source>
        <translation>Keine Treffer.</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) shown, counting all…</source>
        <translation>
            <numerusform>%n Treffer angezeigt, alle werden gezählt …</numerusform>
            <numerusform>%n Treffer angezeigt, alle werden gezählt …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Note</source>
        <extracomment>The cursor of the next page (the view scrolled to the end of what is read).</extracomment>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>with %1</source>
        <translation>mit %1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
</context>
<context>
    <name>ServerNotices</name>
    <message>
        <source>This server accepts notes but does not keep them: notes you add are not stored on the server.</source>
        <extracomment>The window&apos;s words for each finding (``ServerNotice.finding``).</extracomment>
        <translation>Dieser Server nimmt Notizen an, behält sie aber nicht: Notizen, die Sie hinzufügen, werden nicht auf dem Server gespeichert.</translation>
    </message>
    <message>
        <source>This server ignores “only the conversations being recorded” when removing: archiveviewer will not ask it to remove those, as it would remove everything.</source>
        <translation>Dieser Server übergeht beim Entfernen „nur die gerade aufgezeichneten Unterhaltungen“: archiveviewer bittet ihn nicht darum, denn er würde alles entfernen.</translation>
    </message>
    <message>
        <source>This server removes more than the one conversation asked for: archiveviewer checks every removal and tells you what else went.</source>
        <translation>Dieser Server entfernt mehr als die eine verlangte Unterhaltung: archiveviewer prüft jedes Entfernen und sagt Ihnen, was sonst noch verschwunden ist.</translation>
    </message>
    <message>
        <source>About your server</source>
        <translation>Über Ihren Server</translation>
    </message>
    <message>
        <source>archiveviewer remembers this about %1, so this notice is not shown again.</source>
        <translation>archiveviewer merkt sich das für %1; dieser Hinweis erscheint nicht noch einmal.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Sync each time the account connects</source>
        <translation>Bei jeder Verbindung des Kontos synchronisieren</translation>
    </message>
    <message>
        <source>Sync while connected every</source>
        <translation>Während der Verbindung synchronisieren alle</translation>
    </message>
    <message>
        <source>A message archive&apos;s conversation ends after</source>
        <translation>Eine Unterhaltung des Nachrichtenarchivs endet nach</translation>
    </message>
    <message>
        <source>Message archives (MAM) keep no conversations, only messages: a silence this long starts a new one. Changing it regroups what is stored; nothing is fetched again.</source>
        <translation>Nachrichtenarchive (MAM) führen keine Unterhaltungen, nur Nachrichten: Eine so lange Stille beginnt eine neue. Eine Änderung gruppiert das Gespeicherte neu; nichts wird erneut abgerufen.</translation>
    </message>
    <message>
        <source>Show times in UTC instead of local time</source>
        <translation>Zeiten in UTC statt in Ortszeit zeigen</translation>
    </message>
    <message>
        <source>Every time says its zone, and pointing at a time in a conversation shows it exactly in UTC.</source>
        <translation>Jede Zeit nennt ihre Zone, und wer in einer Unterhaltung auf eine Zeit zeigt, sieht sie genau in UTC.</translation>
    </message>
    <message>
        <source>Keep decrypted text in the local copy (so it is searchable)</source>
        <translation>Entschlüsselten Text in der lokalen Kopie behalten (damit er durchsuchbar ist)</translation>
    </message>
    <message>
        <source>Off: what you decrypt is kept in memory only, until you close archiveviewer; search does not find it. On: it is also written, unencrypted, into the local copy on this computer, so search finds it; anyone who can read your files can read it too. Turning this off removes the decrypted text already kept.</source>
        <translation>Aus: Was Sie entschlüsseln, bleibt nur im Arbeitsspeicher, bis Sie archiveviewer schließen; die Suche findet es nicht. Ein: Es wird außerdem unverschlüsselt in die lokale Kopie auf diesem Computer geschrieben, damit die Suche es findet; wer Ihre Dateien lesen kann, kann es dann auch lesen. Beim Ausschalten wird der schon behaltene entschlüsselte Text entfernt.</translation>
    </message>
    <message>
        <source>Offer to remember passwords in the system keyring</source>
        <translation>Anbieten, Passwörter im Schlüsselbund des Systems zu speichern</translation>
    </message>
    <message>
        <source>Local copies are kept in</source>
        <translation>Lokale Kopien liegen in</translation>
    </message>
    <message>
        <source>Takes effect at the next start. Existing copies are not moved.</source>
        <translation>Gilt ab dem nächsten Start. Vorhandene Kopien werden nicht verschoben.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>never (only on connect and on request)</source>
        <translation>nie (nur beim Verbinden und auf Wunsch)</translation>
    </message>
    <message>
        <source> min of silence</source>
        <translation> Min. Stille</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen …</translation>
    </message>
    <message>
        <source>Folder for the local copies</source>
        <translation>Ordner für die lokalen Kopien</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Next or previous conversation (and select it)</source>
        <translation>Nächste oder vorige Unterhaltung (und auswählen)</translation>
    </message>
    <message>
        <source>First or last conversation</source>
        <translation>Erste oder letzte Unterhaltung</translation>
    </message>
    <message>
        <source>Select a range of conversations</source>
        <translation>Einen Bereich von Unterhaltungen auswählen</translation>
    </message>
    <message>
        <source>Add or remove one conversation from the selection</source>
        <translation>Eine Unterhaltung der Auswahl hinzufügen oder aus ihr entfernen</translation>
    </message>
    <message>
        <source>Move between contacts, dates, conversations and search</source>
        <translation>Zwischen Kontakten, Daten, Unterhaltungen und Suche wechseln</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>Cancel</source>
        <extracomment>A sync started or stopped (the Sync action is available again or not).</extracomment>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Sync cancelled. What was already fetched is kept.</source>
        <translation>Synchronisieren abgebrochen. Was schon geholt war, bleibt erhalten.</translation>
    </message>
    <message>
        <source>Syncing: %1 of %n conversation(s)</source>
        <translation>Synchronisiere: %1 von %n Unterhaltung(en)</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>noch etwa %1</translation>
    </message>
    <message>
        <source>Syncing: %n conversation(s) fetched</source>
        <translation>Synchronisiere: %n Unterhaltung(en) geholt</translation>
    </message>
    <message>
        <source>%1 so far</source>
        <translation>bisher %1</translation>
    </message>
    <message>
        <source>Sync finished: nothing changed on the server.</source>
        <translation>Synchronisiert: Auf dem Server hat sich nichts geändert.</translation>
    </message>
    <message>
        <source>%n conversation(s) new or changed</source>
        <translation>%n Unterhaltung(en) neu oder geändert</translation>
    </message>
    <message>
        <source>Sync finished: %1 on the server.</source>
        <translation>Synchronisiert: %1 auf dem Server.</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>Synchronisiert.</translation>
    </message>
    <message>
        <source>The trash keeps %n conversation(s) removed on the server.</source>
        <translation>Der Papierkorb bewahrt %n auf dem Server entfernte Unterhaltung(en) auf.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Mit</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation>Aufbewahrt bis</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>&amp;Restore on the server</source>
        <translation>Auf dem Server &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Delete for good</source>
        <translation>Endgültig &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Empty trash</source>
        <translation>&amp;Papierkorb leeren</translation>
    </message>
    <message>
        <source>&amp;Keep removed conversations for</source>
        <translation>Entfernte Unterhaltungen &amp;aufbewahren für</translation>
    </message>
    <message numerus="yes">
        <source>Conversations removed from the server, here or by another client, wait here for %n day(s). Restore puts them back on the server, encrypted ones as they were.</source>
        <translation>
            <numerusform>Unterhaltungen, die vom Server entfernt wurden (hier oder von einem anderen Programm), warten hier %n Tag. Wiederherstellen legt sie wieder auf den Server, verschlüsselte so, wie sie waren.</numerusform>
            <numerusform>Unterhaltungen, die vom Server entfernt wurden (hier oder von einem anderen Programm), warten hier %n Tage. Wiederherstellen legt sie wieder auf den Server, verschlüsselte so, wie sie waren.</numerusform>
        </translation>
    </message>
    <message>
        <source>A sync found it removed on the server, by another client.</source>
        <translation>Eine Synchronisierung hat sie als auf dem Server entfernt vorgefunden, von einem anderen Programm.</translation>
    </message>
    <message>
        <source>%1, on the server</source>
        <translation>%1, auf dem Server</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>Der Papierkorb ist leer.</translation>
    </message>
</context>
<context>
    <name>TrashEntry</name>
    <message>
        <source>Add your account first: the trash holds what you remove from your server.</source>
        <translation>Fügen Sie zuerst Ihr Konto hinzu: Der Papierkorb enthält, was Sie von Ihrem Server entfernen.</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n conversation(s) on the server.</source>
        <translation>
            <numerusform>%n Unterhaltung auf dem Server wiederhergestellt.</numerusform>
            <numerusform>%n Unterhaltungen auf dem Server wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) were on the server already.</source>
        <translation>
            <numerusform>%n Unterhaltung war schon auf dem Server.</numerusform>
            <numerusform>%n Unterhaltungen waren schon auf dem Server.</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty the trash? Its conversations can then not be restored.</source>
        <translation>Den Papierkorb leeren? Seine Unterhaltungen lassen sich danach nicht mehr wiederherstellen.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n conversation(s) for good? They can then not be restored.</source>
        <translation>
            <numerusform>%n Unterhaltung endgültig löschen? Sie lässt sich danach nicht mehr wiederherstellen.</numerusform>
            <numerusform>%n Unterhaltungen endgültig löschen? Sie lassen sich danach nicht mehr wiederherstellen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>Endgültig löschen</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) deleted for good.</source>
        <translation>
            <numerusform>%n Unterhaltung endgültig gelöscht.</numerusform>
            <numerusform>%n Unterhaltungen endgültig gelöscht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Upgrade</name>
    <message>
        <source>Upgrading the local copy</source>
        <extracomment>``work(progress, should_stop)``: True when done, False when it stopped as asked. The same, awaited (it runs on the worker and calls ``progress`` there).</extracomment>
        <translation>Die lokale Kopie wird aktualisiert</translation>
    </message>
    <message>
        <source>The local copy of %1 gets a faster search index. This happens once; if you stop, it goes on from where it stopped at the next start.</source>
        <translation>Die lokale Kopie von %1 bekommt einen schnelleren Suchindex. Das geschieht nur einmal; wenn Sie abbrechen, geht es beim nächsten Start dort weiter, wo es aufgehört hat.</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Anhalten und beenden</translation>
    </message>
    <message>
        <source>The local copy of %1 gets a faster search index before it opens. This happens once; if you stop, it goes on from where it stopped the next time you open it.</source>
        <translation>Die lokale Kopie von %1 erhält vor dem Öffnen einen schnelleren Suchindex. Das geschieht einmal; wenn Sie anhalten, geht es beim nächsten Öffnen dort weiter, wo es angehalten wurde.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>%1 of %2 indexed.</source>
        <translation>%1 von %2 indiziert.</translation>
    </message>
    <message>
        <source>Stopping when this batch is written…</source>
        <translation>Wird angehalten, sobald dieser Teil geschrieben ist …</translation>
    </message>
</context>
<context>
    <name>UploadDialog</name>
    <message>
        <source>Upload archive file</source>
        <extracomment>Emitted with (conversations done, conversations in all). The user pressed Upload.</extracomment>
        <translation>Archivdatei hochladen</translation>
    </message>
    <message>
        <source>Archive file</source>
        <translation>Archivdatei</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen …</translation>
    </message>
    <message>
        <source>Do not encrypt</source>
        <translation>Nicht verschlüsseln</translation>
    </message>
    <message>
        <source>Upload subjects too (the server keeps them unencrypted)</source>
        <translation>Betreffs mit hochladen (der Server speichert sie unverschlüsselt)</translation>
    </message>
    <message>
        <source>Conversations already on the server are not stored again. Encrypted conversations can be read only with your private key: only your own keys are offered, never anyone else&apos;s.</source>
        <translation>Unterhaltungen, die schon auf dem Server sind, werden nicht noch einmal gespeichert. Verschlüsselte Unterhaltungen lassen sich nur mit Ihrem privaten Schlüssel lesen: Angeboten werden nur Ihre eigenen Schlüssel, nie die anderer.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Encrypt with:</source>
        <translation>&amp;Verschlüsseln mit:</translation>
    </message>
    <message>
        <source>&amp;Upload</source>
        <translation>&amp;Hochladen</translation>
    </message>
    <message>
        <source>Archive files (*.xml);;All files (*)</source>
        <translation>Archivdateien (*.xml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cancelling after the conversation on its way…</source>
        <translation>Wird nach der Unterhaltung abgebrochen, die gerade hochgeladen wird …</translation>
    </message>
    <message>
        <source>Comparing with the server&apos;s list…</source>
        <translation>Abgleich mit der Liste des Servers…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The upload stopped. Upload again to store the rest.</source>
        <translation>Das Hochladen wurde unterbrochen. Laden Sie erneut hoch, um den Rest zu speichern.</translation>
    </message>
    <message numerus="yes">
        <source>Stored %n conversation(s)</source>
        <translation>
            <numerusform>%n Unterhaltung gespeichert</numerusform>
            <numerusform>%n Unterhaltungen gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stored %n encrypted conversation(s)</source>
        <translation>
            <numerusform>%n verschlüsselte Unterhaltung gespeichert</numerusform>
            <numerusform>%n verschlüsselte Unterhaltungen gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already on the server.</source>
        <translation>
            <numerusform>%n war schon auf dem Server.</numerusform>
            <numerusform>%n waren schon auf dem Server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %n conversation(s) (%2 stored, %3 already on the server); upload again to store the rest.</source>
        <translation>
            <numerusform>Abgebrochen nach %1 von %n Unterhaltung (%2 gespeichert, %3 schon auf dem Server); laden Sie erneut hoch, um den Rest zu speichern.</numerusform>
            <numerusform>Abgebrochen nach %1 von %n Unterhaltungen (%2 gespeichert, %3 schon auf dem Server); laden Sie erneut hoch, um den Rest zu speichern.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UploadEntry</name>
    <message>
        <source>Add your account first: uploads go to your server.</source>
        <translation>Fügen Sie zuerst Ihr Konto hinzu: Hochgeladenes kommt auf Ihren Server.</translation>
    </message>
</context>
</TS>
