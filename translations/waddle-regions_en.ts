<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>%1 (guessed from the time zone)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::AlertsModel</name>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert %1 fired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value %1, threshold %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alert is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This alert is resolved already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This alert is acknowledged already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not acknowledge the alert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::ExportController</name>
    <message>
        <source>There is no completed export to download.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::Freshness</name>
    <message>
        <source>Not connected yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is not answering; reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has come from the server for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Last update %2 (%3): what you see may be out of date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::GlobalStatusModel</name>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::JobsModel</name>
    <message>
        <source>Fail-back of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failover of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration of %1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::KeyStore</name>
    <message>
        <source>the system keychain did not answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::LatencyResultsModel</name>
    <message>
        <source>excellent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>poor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n d ago</numerusform>
            <numerusform>%n d ago</numerusform>
        </translation>
    </message>
    <message>
        <source>testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>=%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFC 3550 jitter %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached result from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P95 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STUN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average %1 ms, median %2 ms, p95 %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min %1 ms, average %2 ms, max %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STUN sends UDP datagrams: there is no connection to time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 samples answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::LiveEvents</name>
    <message>
        <source>Connecting to the event stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the event stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the event stream: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server went away (restarting or shutting down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the event stream: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the event stream at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event stream was closed (code %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the event stream at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from the event stream at %1 within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server stopped answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a binary message of %1 bytes (events are JSON text)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::MembersModel</name>
    <message>
        <source>location not shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::MigrationController</name>
    <message>
        <source>not active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no waddle to move</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::OptimiserController</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::RecommendationModel</name>
    <message>
        <source>Recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not eligible: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>100 − %1 (latency) − %2 (capacity) + %3 (geography)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg RTT ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members &lt; 100 ms %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Geo bonus</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::RegionAdminController</name>
    <message>
        <source>Open a region first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::RegionsModel</name>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>location unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::Session</name>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting — showing data from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — the API key was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — showing data from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs the %1 role; no API key is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs the %1 role; this key is an %2 key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs the %1 role; this key is a %2 key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::TrayStatus</name>
    <message>
        <source>Waddle: no region status yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Waddle: all %n region(s) healthy</source>
        <translation>
            <numerusform>Waddle: all %n region healthy</numerusform>
            <numerusform>Waddle: all %n regions healthy</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddle: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n in maintenance</source>
        <translation>
            <numerusform>, %n in maintenance</numerusform>
            <numerusform>, %n in maintenance</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n open alert(s)</source>
        <translation>
            <numerusform> · %n open alert</numerusform>
            <numerusform> · %n open alerts</numerusform>
        </translation>
    </message>
    <message>
        <source>Critical: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::Units</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::client::WaddlesModel</name>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic; currently %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved by failover; returns to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary (failover)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui</name>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not tested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1° %2, %3° %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT before → after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who gets faster or slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−%1 ms faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 ms slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean %1 → %2 ms · p95 %3 → %4 ms · %5 faster · %6 slower</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::AlertsDock</name>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All severities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning or worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High or worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open and acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged or resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stat&amp;e:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ac&amp;knowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge the selected alert (Ctrl+K or Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show on &amp;Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the alert&apos;s region on the map (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not acknowledged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts not updated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analytics triggers not read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts not updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shown · %2 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts (%1 open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an alert to acknowledge.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::AlertsPanel</name>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last fired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chec&amp;k now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate every alert of the project at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Egress over budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Based on metric:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the val&amp;ue is:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lasting at least:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severit&amp;y:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signs each delivery (HMAC-SHA256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ops@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggers, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ac&amp;knowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tri&amp;ggers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ilences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the alert &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Checked: %n alert(s) fired.</source>
        <translation>
            <numerusform>Checked: %n alert fired.</numerusform>
            <numerusform>Checked: %n alerts fired.</numerusform>
        </translation>
    </message>
    <message>
        <source>Trigger acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the alerts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save yet — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A silence needs a comment saying why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused it — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (custom)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alerts yet: describe one with the form, then Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 %3 for %n min</source>
        <translation>
            <numerusform>%1 %2 %3 for %n min</numerusform>
            <numerusform>%1 %2 %3 for %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tri&amp;ggers (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::AnalyticsScreen</name>
    <message>
        <source>Participant minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Egress minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analytics — whole fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region Da&amp;shboard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport Dashboard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions and participants, 24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days to forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holt-Winters (weekly season)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not forecast: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time: the last 15 minutes against the 15 before; usage: the last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>analytics.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>Forecasting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last 15 minutes against the 15 before · updated %1 · %n open alert(s)</source>
        <translation>
            <numerusform>Last 15 minutes against the 15 before · updated %1 · %n open alert</numerusform>
            <numerusform>Last 15 minutes against the 15 before · updated %1 · %n open alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the next %n day(s)</source>
        <translation>
            <numerusform>%1: the next %n day</numerusform>
            <numerusform>%1: the next %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>History (daily totals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95 % band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linear regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Model: %1 · accuracy %2 % · standard error %3 · from %n day(s) of history</source>
        <translation>
            <numerusform>Model: %1 · accuracy %2 % · standard error %3 · from %n day of history</numerusform>
            <numerusform>Model: %1 · accuracy %2 % · standard error %3 · from %n days of history</numerusform>
        </translation>
    </message>
    <message>
        <source>Not enough data for a forecast (%1 of %2 days). It needs at least %2 days of daily totals; come back when more have been recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analytics need an analyst key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load analytics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per minute, last 30 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per minute, last 30 minutes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::CapacityBars</name>
    <message>
        <source>Load per target region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 → %3 of %4 members (%5 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2 / %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::ChartView</name>
    <message>
        <source>%1
%2: %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (low)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (high)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export to &quot;%1&quot;: choose a .png, .svg or .pdf file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: the PNG encoder failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2
%3 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Data as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::ConflictBox</name>
    <message>
        <source>Conflicting change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This waddle was changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply &amp;mine anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply my choice anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save your choice over the newer version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep their version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard your choice and show the version on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::ConnectDialog</name>
    <message>
        <source>The built-in &amp;demo fleet (simulated, on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A control &amp;plane:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember the key on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the control plane&apos;s address, such as https://regions.example.com or http://127.0.0.1:8740.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now connected to the built-in demo fleet (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now connected to %1, without an API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now connected to %1 with an API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrk_…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed for waddles and operator actions; the regions and the latency test work without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed for waddles and operator actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the current connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this build was given no keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember the key in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is kept in the system keychain (service &quot;waddle-regions&quot;), not in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for the system keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember the key in plain text in the settings file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain answered, so a remembered key can only be kept in plain text in %1, where anyone who can read your files can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain answered. The key is used for this run only, unless you choose to keep it in plain text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain answered (%1). The key is used for this run only, unless you choose to keep it in plain text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API Key Not Remembered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain did not keep the API key (%1). It is used for this run only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::CustomMetricsPanel</name>
    <message>
        <source>is one of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggregation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. busy_rooms_eu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gauge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count, ms, minutes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U&amp;nit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ggregation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: events where every condition holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add cond&amp;ition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the custom metric &quot;%1&quot;? Alerts on it stop working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the custom metrics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New custom metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number (lists: 1, 2, 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text (lists: a, b, c)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save yet — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused it — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No custom metrics yet: describe one with the form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality (MOS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number each matching session adds to the metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;f each session:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::ExportPanel</name>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export usage metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ra&amp;nge:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (spreadsheets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For&amp;mat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metr&amp;ics:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start e&amp;xport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%p % downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a range and the metrics, then start the export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1 queued…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The range starts after it ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one metric.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) of usage will be exported.</source>
        <translation>
            <numerusform>%n day of usage will be exported.</numerusform>
            <numerusform>%n days of usage will be exported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting the export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Export %1 running: %n row(s) so far…</source>
        <translation>
            <numerusform>Export %1 running: %n row so far…</numerusform>
            <numerusform>Export %1 running: %n rows so far…</numerusform>
        </translation>
    </message>
    <message>
        <source>Export %1 is %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Export ready: %n row(s), %1. Download it to keep it.</source>
        <translation>
            <numerusform>Export ready: %n row, %1. Download it to keep it.</numerusform>
            <numerusform>Export ready: %n rows, %1. Download it to keep it.</numerusform>
        </translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (custom)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::FailoverWizard</name>
    <message>
        <source>Waddles and their moves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 succeeded · %2 failed · %3 cannot be placed · %4 waiting (of %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed back: the waddles are home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: no waddle could be moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the region to fail over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its waddles move to the other regions until it is back. Nothing moves before you confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2: its waddles should move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2. Failing over a region that is not offline needs its code typed to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What would happen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan as the control plane computes it now: nothing has moved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load per target region (members: now → after / maximum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Moves:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan could not be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning the failover of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddles on %1: %L2 · can move: %L3 · target regions: %L4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddles that cannot be placed: %1 (listed first below, with why); they stay on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No waddle is on %1: there is nothing to fail over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the failover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fail Over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type the region&apos;s code to force:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddles that move off %1 now: %L2, in batches; their members are told. They come back when you fail back (or on their own once %1 has been online a while).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not offline. Failing it over anyway interrupts calls that work. Type %2 to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The failover did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddles handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Waddles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failover of %1, started %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by an operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch %1 of %2 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail &amp;Back Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returning the waddles to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every moved waddle is back on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No waddle was moved: nothing to bring back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is online again: its waddles can go back now (they also go back on their own after a while).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail-back is possible once %1 is online again (now %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail-back did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail Over Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::GlobalStatusScreen</name>
    <message>
        <source>no checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Healthy regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Availability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-region latency (round trip, ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every figure is estimated from the RTT model (distance and routing); the control plane stores no region-to-region measurements yet. Colour runs from short (green) to long (vermillion).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global status not updated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 degraded · %2 offline · %3 in maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 h %1 · 7 d %2 · 30 d %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now: regions online or degraded. Over time: the share of stored health checks that found their region online or degraded (checks are kept for the retention period).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 available of %2 participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>health checks that answered, updated %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::ImageExport</name>
    <message>
        <source>&amp;Copy Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported from Waddle Region Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the image to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::JobsDock</name>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failovers and migrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter or double-click opens the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No failovers or migrations yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::LatencyDelegate</name>
    <message>
        <source>cached, %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::LatencyHistoryChart</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a region to see its earlier tests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 test from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tests from %1 to %2</source>
        <translation>
            <numerusform>%n test from %1 to %2</numerusform>
            <numerusform>%n tests from %1 to %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; average between %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; %2 without a reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latency-history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::LatencyMatrixView</name>
    <message>
        <source>Cross-region latency matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2: %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No latency figures yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2: %3 ms, estimated from the RTT model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::LatencyPanel</name>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test All Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP: times GET /ping on a warm keep-alive connection to each region, the way an app talks to it. The default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP: times a fresh TCP connect to each region&apos;s ping endpoint (the network handshake alone, no server work).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STUN: sends RFC 5389 Binding requests over UDP to each region&apos;s STUN endpoint, the path voice media takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;amples:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples per region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trips timed per region; a timeout or error counts as lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the results as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the table as CSV to the clipboard (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the results as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the table as a CSV file (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency history of the selected region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of 1 region</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n regions</source>
        <translation>
            <numerusform>%1 of %n region</numerusform>
            <numerusform>%1 of %n regions</numerusform>
        </translation>
    </message>
    <message>
        <source>No online regions to test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by %1, 1 sample each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by %1, %2 samples each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing 1 region %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Testing %n regions %1…</source>
        <translation>
            <numerusform>Testing %n region %1…</numerusform>
            <numerusform>Testing %n regions %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 not tested: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unreachable: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tested 1 region in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Tested %n regions in %1 s.</source>
        <translation>
            <numerusform>Tested %n region in %1 s.</numerusform>
            <numerusform>Tested %n regions in %1 s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n regions unreachable: %1.</source>
        <translation>
            <numerusform>%n region unreachable: %1.</numerusform>
            <numerusform>%n regions unreachable: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before the region finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %n regions.</source>
        <translation>
            <numerusform>Cancelled after %1 of %n region.</numerusform>
            <numerusform>Cancelled after %1 of %n regions.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel the test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the test (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test all regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure the latency to every region at once (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STUN: none of the regions has a STUN endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing cached %1 results from %2. Test again with %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a region to see its earlier tests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier tests are not kept: there is no cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tests</source>
        <translation>
            <numerusform>%n test</numerusform>
            <numerusform>%n tests</numerusform>
        </translation>
    </message>
    <message>
        <source>History of %1 by %2: average and min–max of each test, last %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No earlier %1 tests of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to copy yet: run a test first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied 1 row as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copied %n rows as CSV.</source>
        <translation>
            <numerusform>Copied %n row as CSV.</numerusform>
            <numerusform>Copied %n rows as CSV.</numerusform>
        </translation>
    </message>
    <message>
        <source>latency-%1.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Latency Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported 1 row to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n rows to %1.</source>
        <translation>
            <numerusform>Exported %n row to %1.</numerusform>
            <numerusform>Exported %n rows to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Test All Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No test run yet — press Test All Regions (%1) to measure your latency to every region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as started on another screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test was started on another screen, %1; the controls now show its settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rows are from tests of %1 samples each; the next test takes %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of %1 by %2: average and min–max of its one test</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::LatencyProxyModel</name>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The region tested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice quality to expect from the average round trip and the loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average round trip, milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median round trip, milliseconds: half the samples were faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95th percentile round trip, milliseconds: 19 samples in 20 were faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter, milliseconds: the mean change between consecutive round trips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples lost, percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection set-up time, milliseconds, timed apart from the round trips; &quot;—&quot; where the mode has no connection (STUN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fastest–slowest round trip, milliseconds; the bar shows the range, the tick the average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples answered of samples sent, and how they were measured: HTTP, TCP or STUN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the row was measured: HTTP, TCP or STUN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank by average; &quot;=&quot; where ranges overlap and the regions tie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the row was measured</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::LegendLayer</name>
    <message>
        <source>Grey, dashed: last known, not live</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::LocationDialog</name>
    <message>
        <source>Set My Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a city, e.g. Lisbon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching cities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now at %1, %2. Latency estimates and the demo fleet use this place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency estimates and the demo fleet use this place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick on the &amp;Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cities near your current location:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest cities:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No city matches “%1”. Try another spelling, a larger city nearby, or Pick on the Map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching cities:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::MainWindow</name>
    <message>
        <source>Waddle Region Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to Server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;Demo Fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Waddles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit Map to All Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Projection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equal Earth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equirectangular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set My &amp;Location…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Waddle Region Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Waddle Region Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo fleet (simulated) at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo fleet (simulated).&lt;/b&gt; Regions, members and latencies come from a simulated fleet running on this computer. Use File › Connect to Server… for a real control plane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The built-in demo backend did not start:&lt;/b&gt; %1. Use File › Connect to Server… to reach a control plane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your location: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the system&apos;s positioning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click on the map where you are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overvie&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Custom Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ex&amp;port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where are you? Set My Location (Ctrl+L) for true latency estimates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close to &amp;Tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window keeps the console watching from the system tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Analytics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global &amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;lerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member &amp;Density</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected waddle&apos;s members as a smooth density map instead of dots (M on the map)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fail Over Region…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Migrate Waddles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the waddles to migrate, then Migrate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Drain Selected Region…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a region on the map first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Optimise Fleet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Waddle Region Console %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Choose the voice region for a waddle, measure your latency to every region, and watch the health of the regions on a live map.&lt;/p&gt;&lt;p&gt;Map data: Natural Earth (public domain) via world-atlas. City table: Natural Earth via city-timezones.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo fleet (simulated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show Waddle Region Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now the fastest region from here (%2 ms); it was %3 (%4 ms).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fastest region changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Re-test in the Background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n minute(s)</source>
        <translation>
            <numerusform>Every %n minute</numerusform>
            <numerusform>Every %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>Manage &amp;Regions…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::MapRenderer</name>
    <message>
        <source>Members: %L1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members: %L1, lines to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::MapWidget</name>
    <message>
        <source>World map of voice regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Your location&lt;/b&gt;&lt;br&gt;%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health score: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health score: not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice regions with their status and load. Plus and minus zoom, arrow keys pan, Home or F shows everything, Page Down and Page Up select the next or previous region, Enter opens it, Escape clears the selection, M switches member dots and density (also View › Member Density). The context menu copies or saves the map as an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waddle-map</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::MessageBar</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::MetricCard</name>
    <message>
        <source>▲ up %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▼ down %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● stable (%1%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no data yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::MigrationWizard</name>
    <message>
        <source>Prepare a room in the target region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update the waddle&apos;s region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the old room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the migration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped (rolled back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed: the waddle runs in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back: the waddle stayed in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the waddle stayed in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rolled back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean RTT before → after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target region (recommended first):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The regions could not be compared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving %1. Each region&apos;s estimate comes from the control plane&apos;s dry run: nothing moves yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing the regions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>★ %1 — recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2 ms (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not possible: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions it could move to: %1. Choose one; who gets faster or slower shows below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No region can take it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It already runs in %1, the recommended region for its members: the others are listed best first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be chosen: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who gets faster or slower in %1 (members by place):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;At a time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now, or at a time you choose (the control plane starts it then; you can cancel until it does).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving %1 to %2 (waddles: %L3). Members are told before their call moves; a step that fails before the waddle&apos;s region changes rolls back and nothing is lost. You can cancel until the call starts moving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Migrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The migration did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrations finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From → to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Migrations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;teps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Migration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible until the call starts moving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back because: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;teps of %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stayed in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled migrations run at their time; follow them in the Jobs dock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members of the moved waddles were told; their next call connects to the new region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrate Waddles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drain %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every waddle on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waddle %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 waddles</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::MovesModel</name>
    <message>
        <source>Will move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept (owner&apos;s choice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::OptimiserDialog</name>
    <message>
        <source>Optimise Fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From → to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affected users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Proposals (tick the ones to apply; Space ticks the current one):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running the optimiser&apos;s dry run over the fleet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddles weighed: %1, skipped: %2. No region is clearly better for any of them now: nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddles weighed: %1, skipped: %2. Proposals (over %3 % better by the SPEC §7 score): %4. Nothing has moved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who gets faster or slower if %1 moves to %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a migration for each ticked proposal (%1 ticked); follow them in the Jobs dock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (migrating)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrations started: %1. Follow them in the Jobs dock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::PreviewMap</name>
    <message>
        <source>Map of who gets faster or slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member locations to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n place(s): green dots get faster, orange slower, grey stay the same</source>
        <translation>
            <numerusform>%n place: green dots get faster, orange slower, grey stay the same</numerusform>
            <numerusform>%n places: green dots get faster, orange slower, grey stay the same</numerusform>
        </translation>
    </message>
    <message>
        <source>faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::RegionChoiceList</name>
    <message>
        <source>Voice region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let Waddle choose the best region based on member locations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>location unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not measured yet: use Test All Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not tested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not tested: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reply to %1 samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being measured now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currently: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is degraded: voice quality may suffer until it recovers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The waddle runs in this region now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: average %2, jitter %3, loss %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, current region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is offline. Members stay on it, without voice, until it recovers or the owner picks another region here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is in maintenance. Members stay on it until the maintenance ends or the owner picks another region here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::RegionDashboardDialog</name>
    <message>
        <source>Dashboard — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active sessions (this hour)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants (this hour)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage, last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency distribution, last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call quality, last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MOS (0–5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open alerts for this region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cards compare this hour with the one before · updated %1 · refreshed every 30 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the dashboard: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::RegionDetailsPanel</name>
    <message>
        <source>Region details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a region on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health score:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99 latency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last check:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failover to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health score, recent checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health score history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99 latency, recent checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99 latency history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · location unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 of %3 sessions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fai&amp;l Over…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move this region&apos;s waddles to other regions (a dry run first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dra&amp;in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrate every waddle of this region to another region, with a preview of who gets faster or slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Dashboard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing checks (%1 of %2 before offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Manage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance, a health check now, priority and failover list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::RegionLayer</name>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · last known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · draining</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::RegionManagementDialog</name>
    <message>
        <source>no region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Regions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load Theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;Mine over Theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked from here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the control plane to check this region&apos;s health at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Drain: migrate its waddles to other regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every waddle of the region migrates away (followed in the jobs dock); without it, waddles stay and only new sessions go elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower is preferred: the nearest-region score adds 10 × priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failover regions, in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region to add to the failover list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;emove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Failover regions (tried in order):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: priority %1, failover to %2 (version %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In maintenance; its waddles are migrating away (see Jobs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In maintenance: it takes no new sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of maintenance: its status follows the next health checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — score %2, p99 %3, errors %4, checked %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1 · capacity %2 of %3 · settings version %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else saved this region first (now version %1: priority %2, failover to %3). Reload theirs, or save yours over it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::Screenshotter</name>
    <message>
        <source>could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the regions did not load within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the window has no Latency screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the latency test did not finish within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the failover dry run did not answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no waddle to show the migration wizard for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the optimiser&apos;s dry run did not answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the migration previews did not answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::Sparkline</name>
    <message>
        <source>No history yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 values, lowest %2, highest %3, latest %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::UserLayer</name>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::WaddlesPanel</name>
    <message>
        <source>Waddles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddle name (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search waddles by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry loading waddles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the waddles. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading waddles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (searching all %2…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 waddles loaded; scroll for more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waddles: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a waddle to see and change its voice region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try loading the waddle again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the server region closest to your members for the best voice quality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test all regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure the latency from this computer to every region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chosen voice region (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendation: score of every region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score = 100 − 0.5 × average member RTT − 20 × load + 0.3 × share of members under 100 ms. Only online regions with room are eligible; the highest score wins. RTTs are estimated from member locations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the waddle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load this waddle. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your unsaved choice, %1, is back. Save Region keeps it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out the best region…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the recommendation. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no recommendation for this waddle: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is recommended, with a score of %2 (members counted: %3, in distinct places: %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the members. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct places members connect from: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · Members who never shared a location: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pinned to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not assigned yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members: %1 · Voice region: %2 · Running in: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary (failover from %1): it moves back when %1 recovers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test All Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed this waddle while you were editing, and its new version could not be loaded. %1 Your choice is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the voice region. %1. Your choice is kept: Save Region tries again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice region set to Automatic (currently %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice region set to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice region is already set to %1 (someone else saved the same choice).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed this waddle while you were editing: it is now set to %1 (current region %2). Your choice: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept their version: the voice region is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated from the server (%1): now set to %2, current region %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on the server while you were editing (%1): it is now set to %2, current region %3. Your unsaved choice, %4, is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mi&amp;grate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected waddles to another region, with a preview of who gets faster or slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: %1 waddles as saved at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No waddle is named like “%1”.
Check the spelling, or clear the search (Esc) to see them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your choice, %1, is not eligible now: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your choice, %1, scores %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinning %1 makes voice slower for most members: their average round trip would be about %2 instead of %3 with %4 (%5 members would be over 100 ms). Score %6 against %7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>waddle::ui::WinnerDelegate</name>
    <message>
        <source>★ %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
