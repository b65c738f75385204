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
</context>
<context>
    <name>AccountDialog</name>
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
        <source>The connection is always encrypted, and the server&apos;s certificate is always checked.</source>
        <translation>Die Verbindung ist immer verschlüsselt, und das Zertifikat des Servers wird immer geprüft.</translation>
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
        <extracomment>The chosen contact, date or selected conversations changed. (collection id, its header as the server listed it or None): open it. The contacts just read (a list of ``ContactRow``).</extracomment>
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
    <name>CollectionListModel</name>
    <message>
        <source>Contact</source>
        <extracomment>A row as kept: a header without items packed into a tuple of plain values.</extracomment>
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
    <name>ConversationCommands</name>
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
        <extracomment>Another conversation, or none, is shown now.</extracomment>
        <translation>Wählen Sie eine Unterhaltung, um sie zu lesen.</translation>
    </message>
    <message>
        <source>Decrypt…</source>
        <translation>Entschlüsseln …</translation>
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
    <name>MainWindow</name>
    <message>
        <source>&amp;Conversations</source>
        <translation>&amp;Unterhaltungen</translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation>Such&amp;e</translation>
    </message>
    <message>
        <source>sample archive</source>
        <translation>Beispielarchiv</translation>
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
        <source>This conversation is encrypted. Enter the passphrase of your private key to read it. It is kept in memory until you quit.</source>
        <translation>Diese Unterhaltung ist verschlüsselt. Geben Sie die Passphrase Ihres privaten Schlüssels ein, um sie zu lesen. Sie bleibt im Speicher, bis Sie das Programm beenden.</translation>
    </message>
</context>
<context>
    <name>Removal</name>
    <message>
        <source>It is removed from the server and from this computer. This cannot be undone.</source>
        <translation>Sie wird vom Server und von diesem Computer entfernt. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>They are removed from the server and from this computer. This cannot be undone.</source>
        <translation>Sie werden vom Server und von diesem Computer entfernt. Das lässt sich nicht rückgängig machen.</translation>
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
    <name>SearchPanel</name>
    <message>
        <source>Search messages (Ctrl+F)</source>
        <translation>Nachrichten durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Kontakt:</translation>
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
    <message>
        <source>No messages match.</source>
        <translation>Keine Nachricht passt.</translation>
    </message>
    <message numerus="yes">
        <source>The first %n matching messages:</source>
        <translation>
            <numerusform>Die erste passende Nachricht:</numerusform>
            <numerusform>Die ersten %n passenden Nachrichten:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching message(s):</source>
        <translation>
            <numerusform>%n passende Nachricht:</numerusform>
            <numerusform>%n passende Nachrichten:</numerusform>
        </translation>
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
        <source>Show times in UTC instead of local time</source>
        <translation>Zeiten in UTC statt in Ortszeit zeigen</translation>
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
        <source>%n removed</source>
        <translation>%n entfernt</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>Sync finished: %1 on the server.</source>
        <translation>Synchronisiert: %1 auf dem Server.</translation>
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
</TS>
