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
    <name>KeysWindow</name>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
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
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>The first %n matching messages:</source>
        <translation>
            <numerusform>The first matching message:</numerusform>
            <numerusform>The first %n matching messages:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching message(s):</source>
        <translation>
            <numerusform>%n matching message:</numerusform>
            <numerusform>%n matching messages:</numerusform>
        </translation>
    </message>
</context>
</TS>
