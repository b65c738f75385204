<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ConnectionLabel</name>
    <message numerus="yes">
        <source>Retrying in %n second(s).</source>
        <translation>
            <numerusform>Retrying in %n second.</numerusform>
            <numerusform>Retrying in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactTexts</name>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationCommands</name>
    <message numerus="yes">
        <source>Decrypted text of %n conversation(s) removed from the local copy.</source>
        <translation>
            <numerusform>Decrypted text of %n conversation removed from the local copy.</numerusform>
            <numerusform>Decrypted text of %n conversations removed from the local copy.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>The %n selected conversation(s)</source>
        <translation>
            <numerusform>The %n selected conversation</numerusform>
            <numerusform>The %n selected conversations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileCommands</name>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation>
            <numerusform>Exported %n conversation to %1.</numerusform>
            <numerusform>Exported %n conversations to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyTable</name>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeysWindow</name>
    <message numerus="yes">
        <source>%n conversation(s) of this account would become unreadable.</source>
        <translation>
            <numerusform>%n conversation of this account would become unreadable.</numerusform>
            <numerusform>%n conversations of this account would become unreadable.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Regrouper</name>
    <message numerus="yes">
        <source>Message archive conversations regrouped: %n conversation(s).</source>
        <translation>
            <numerusform>Message archive conversations regrouped: %n conversation.</numerusform>
            <numerusform>Message archive conversations regrouped: %n conversations.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RekeyDialog</name>
    <message numerus="yes">
        <source>Moved %1 of %n conversation(s)…</source>
        <translation>
            <numerusform>Moved %1 of %n conversation…</numerusform>
            <numerusform>Moved %1 of %n conversations…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %2 conversations. %n conversation(s) still use the old key: re-key again to move them.</source>
        <translation>
            <numerusform>Cancelled after %1 of %2 conversations. %n conversation still uses the old key: re-key again to move it.</numerusform>
            <numerusform>Cancelled after %1 of %2 conversations. %n conversations still use the old key: re-key again to move them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n conversation(s) to the new key.</source>
        <translation>
            <numerusform>Moved %n conversation to the new key.</numerusform>
            <numerusform>Moved %n conversations to the new key.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) stayed on the old key:</source>
        <translation>
            <numerusform>%n conversation stayed on the old key:</numerusform>
            <numerusform>%n conversations stayed on the old key:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>%n encrypted conversation(s) not searched: only text kept in the local copy is searched.</source>
        <translation>
            <numerusform>%n encrypted conversation was not searched: only text kept in the local copy is searched.</numerusform>
            <numerusform>%n encrypted conversations were not searched: only text kept in the local copy is searched.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) shown, counting all…</source>
        <translation>
            <numerusform>%n result shown, counting all…</numerusform>
            <numerusform>%n results shown, counting all…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message numerus="yes">
        <source>Conversations removed from the server, here or by another client, wait here for %n day(s). Restore puts them back on the server, encrypted ones as they were.</source>
        <translation>
            <numerusform>Conversations removed from the server, here or by another client, wait here for %n day. Restore puts them back on the server, encrypted ones as they were.</numerusform>
            <numerusform>Conversations removed from the server, here or by another client, wait here for %n days. Restore puts them back on the server, encrypted ones as they were.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashEntry</name>
    <message numerus="yes">
        <source>Restored %n conversation(s) on the server.</source>
        <translation>
            <numerusform>Restored %n conversation on the server.</numerusform>
            <numerusform>Restored %n conversations on the server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) were on the server already.</source>
        <translation>
            <numerusform>%n conversation was on the server already.</numerusform>
            <numerusform>%n conversations were on the server already.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n conversation(s) for good? They can then not be restored.</source>
        <translation>
            <numerusform>Delete %n conversation for good? It can then not be restored.</numerusform>
            <numerusform>Delete %n conversations for good? They can then not be restored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) deleted for good.</source>
        <translation>
            <numerusform>%n conversation deleted for good.</numerusform>
            <numerusform>%n conversations deleted for good.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UploadDialog</name>
    <message numerus="yes">
        <source>Stored %n conversation(s)</source>
        <translation>
            <numerusform>Stored %n conversation</numerusform>
            <numerusform>Stored %n conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stored %n encrypted conversation(s)</source>
        <translation>
            <numerusform>Stored %n encrypted conversation</numerusform>
            <numerusform>Stored %n encrypted conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already on the server.</source>
        <translation>
            <numerusform>%n already on the server.</numerusform>
            <numerusform>%n already on the server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %n conversation(s) (%2 stored, %3 already on the server); upload again to store the rest.</source>
        <translation>
            <numerusform>Cancelled after %1 of %n conversation (%2 stored, %3 already on the server); upload again to store the rest.</numerusform>
            <numerusform>Cancelled after %1 of %n conversations (%2 stored, %3 already on the server); upload again to store the rest.</numerusform>
        </translation>
    </message>
</context>
</TS>
