<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>LatencyResultsModel</name>
    <message>
        <source>testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation><numerusform>%n min ago</numerusform><numerusform>%n min ago</numerusform></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 (guessed from the time zone)</source>
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
        <translation><numerusform>%n min ago</numerusform><numerusform>%n min ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation><numerusform>%n h ago</numerusform><numerusform>%n h ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation><numerusform>%n d ago</numerusform><numerusform>%n d ago</numerusform></translation>
    </message>
    <message>
        <source>testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2–%3</source>
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
        <source>median %1 ms, p95 %2 ms</source>
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
        <source>%1 ms</source>
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
        <source>wrk_… (needed for waddles and operator actions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available to this build: a remembered key is kept in plain text in the settings file.</source>
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
        <translation><numerusform>%n test from %1 to %2</numerusform><numerusform>%n tests from %1 to %2</numerusform></translation>
    </message>
    <message>
        <source>%1; average between %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; %2 without a reply</source>
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
        <translation><numerusform>%1 of %n region</numerusform><numerusform>%1 of %n regions</numerusform></translation>
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
        <translation><numerusform>Testing %n region %1…</numerusform><numerusform>Testing %n regions %1…</numerusform></translation>
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
        <translation><numerusform>Tested %n region in %1 s.</numerusform><numerusform>Tested %n regions in %1 s.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n regions unreachable: %1.</source>
        <translation><numerusform>%n region unreachable: %1.</numerusform><numerusform>%n regions unreachable: %1.</numerusform></translation>
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
        <translation><numerusform>Cancelled after %1 of %n region.</numerusform><numerusform>Cancelled after %1 of %n regions.</numerusform></translation>
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
        <source>No test run yet</source>
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
    <message>
        <source>1 test</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tests</source>
        <translation><numerusform>%n test</numerusform><numerusform>%n tests</numerusform></translation>
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
        <translation><numerusform>Copied %n row as CSV.</numerusform><numerusform>Copied %n rows as CSV.</numerusform></translation>
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
        <translation><numerusform>Exported %n row to %1.</numerusform><numerusform>Exported %n rows to %1.</numerusform></translation>
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
        <source>Where are you? Tools › Set My Location (Ctrl+L) makes latency estimates and the demo fleet match your place.</source>
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
        <source>&amp;Test All Regions</source>
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
        <source>&lt;p&gt;&lt;b&gt;Waddle Region Console %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Choose, watch and fail over the voice regions of Waddle.&lt;/p&gt;&lt;p&gt;Map data: Natural Earth (public domain) via world-atlas. City table: Natural Earth via city-timezones.&lt;/p&gt;</source>
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
        <source>Voice regions with their status and load. Plus and minus zoom, arrow keys pan, Home or F shows everything, Page Down and Page Up select the next or previous region, Enter opens it, Escape clears the selection, M switches member dots and density.</source>
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
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: average %2 ms, jitter %3 ms, loss %4%</source>
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
        <source>%1 is offline. Members will be moved to a failover region until it recovers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is in maintenance. Members will be moved to a failover region until it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is degraded: voice quality may suffer until it recovers.</source>
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
        <source>%1%</source>
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
</context>
<context>
    <name>waddle::ui::RegionLayer</name>
    <message>
        <source>%1 · %2</source>
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
</context>
<context>
    <name>waddle::ui::WinnerDelegate</name>
    <message>
        <source>★ %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
