<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
