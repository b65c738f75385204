<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
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
        <source>&amp;Add account…</source>
        <extracomment>Text like &quot;Ctrl+R&quot; or a standard key; made a QKeySequence only once Qt runs.</extracomment>
        <translation>Konto &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Connect your own XMPP account</source>
        <translation>Ihr eigenes XMPP-Konto verbinden</translation>
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
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Nachrichten durchsuchen</translation>
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
        <source>&amp;Archive</source>
        <extracomment>The menus, left to right, each with its actions in order (&quot;-&quot; is a separator).</extracomment>
        <translation>&amp;Archiv</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Unterhaltung</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
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
        <translation>Auswählen…</translation>
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
    <name>MainWindow</name>
    <message>
        <source>&amp;Conversations</source>
        <translation>&amp;Unterhaltungen</translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation>Such&amp;e</translation>
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
    <name>RemovalCommands</name>
    <message>
        <source>The server removed more</source>
        <translation>Der Server hat mehr entfernt</translation>
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
</TS>
