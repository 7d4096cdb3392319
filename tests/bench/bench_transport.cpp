// The control plane's HTTP and WebSocket transport (issue 15) under load, in
// one run: GET /api/v1/regions under wrk next to nginx (one worker) serving
// the same bytes, at 10 and 50 connections (req/s and p99); GET
// /api/v1/waddles?limit=50 under wrk; the server's RSS with 10,000 idle
// connections open; and its RSS with 200 WebSocket clients that never read
// while 4,000 events of 2 KiB are published (each client's send queue is
// capped, so they are dropped with 1008 instead of growing the process).
// The clients run in a child process (this binary with --hold or --ws), so
// the figures are the server's. wrk and nginx are optional (Debian: wrk,
// nginx-light); a missing one is skipped with a line. Prints a table; not a
// test.

#include "controlplane/services/eventhub.h"
#include "embedded/backend.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <arpa/inet.h>
#include <cstdio>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

constexpr int kIdleConnections = 10'000;
constexpr int kSlowClients = 200;
constexpr int kBurstMessages = 4'000;
constexpr int kBurstBytes = 2 * 1024;
constexpr int kWrkSeconds = 5;

void raiseFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// Runs this thread's event loop (the server's handlers) for `ms`.
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double rssMiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

// Child side: opens `count` connections to 127.0.0.1:port (and with `ws`,
// upgrades each to the event stream and reads only the 101), says how many,
// and holds them until stdin closes.
int holdConnections(int count, quint16 port, bool ws)
{
    raiseFileLimit();
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::vector<int> sockets;
    const QByteArray upgrade = "GET /api/v1/events HTTP/1.1\r\nHost: b\r\nConnection: Upgrade\r\n"
                               "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    for (int i = 0; i < count; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            break;
        if (ws) {
            // A small receive buffer: the server's queue fills sooner.
            const int small = 4096;
            ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
            if (::write(fd, upgrade.constData(), static_cast<size_t>(upgrade.size())) < 0)
                break;
            char head[512];
            if (::read(fd, head, sizeof head) <= 0)
                break;
        }
        sockets.push_back(fd);
    }
    std::printf("held %zu\n", sockets.size());
    std::fflush(stdout);
    char byte = 0;
    while (::read(STDIN_FILENO, &byte, 1) > 0) {
    }
    for (const int fd : sockets)
        ::close(fd);
    return 0;
}

// Runs a child with `arguments`, waits for its "held N" line (spinning the
// event loop, the server runs here), and returns it with N.
std::pair<std::unique_ptr<QProcess>, int> startHolder(const QStringList &arguments)
{
    auto child = std::make_unique<QProcess>();
    child->start(QCoreApplication::applicationFilePath(), arguments);
    QElapsedTimer timer;
    timer.start();
    QByteArray out;
    while (timer.elapsed() < 60'000 && !out.contains('\n')) {
        spin(20);
        out += child->readAllStandardOutput();
    }
    return {std::move(child), out.trimmed().split(' ').value(1).toInt()};
}

struct WrkFigures
{
    double requestsPerSecond = 0;
    double p99Ms = 0;
    int failed = 0; // non-2xx/3xx answers and socket errors: must be 0
};

double toMs(const QString &value)
{
    const QRegularExpressionMatch m = QRegularExpression(u"([0-9.]+)(us|ms|s)"_s).match(value);
    const double v = m.captured(1).toDouble();
    return m.captured(2) == u"us" ? v / 1000 : m.captured(2) == u"s" ? v * 1000 : v;
}

// wrk, run while this thread's event loop keeps serving.
WrkFigures runWrk(const QString &wrk, const QString &url, int connections,
                  const QByteArray &authorization = {})
{
    QStringList arguments{u"-t1"_s, u"-c%1"_s.arg(connections), u"-d%1s"_s.arg(kWrkSeconds),
                          u"--latency"_s};
    if (!authorization.isEmpty())
        arguments << u"-H"_s << u"Authorization: "_s + QString::fromLatin1(authorization);
    arguments << url;
    QProcess process;
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    process.start(wrk, arguments);
    loop.exec();
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    WrkFigures figures;
    figures.requestsPerSecond =
        QRegularExpression(u"Requests/sec:\\s+([0-9.]+)"_s).match(out).captured(1).toDouble();
    figures.p99Ms = toMs(QRegularExpression(u"\\n\\s+99%\\s+(\\S+)"_s).match(out).captured(1));
    figures.failed =
        QRegularExpression(u"Non-2xx or 3xx responses:\\s+(\\d+)"_s).match(out).captured(1).toInt();
    if (out.contains(u"Socket errors"_s))
        figures.failed += 1;
    if (figures.failed > 0)
        std::printf("  (%s: %d failed answers or socket errors)\n", qPrintable(url),
                    figures.failed);
    return figures;
}

QByteArray fetch(const QUrl &url)
{
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    while (!reply->isFinished())
        spin(5);
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

void benchWrk(cp::ControlPlane &plane, const QString &adminKey)
{
    const QString wrk = QStandardPaths::findExecutable(u"wrk"_s);
    if (wrk.isEmpty()) {
        std::printf("wrk: skipped (not installed; Debian package wrk)\n");
        return;
    }
    const QString base = plane.baseUrl().toString();
    const QByteArray regions = fetch(QUrl(base + u"/api/v1/regions"_s));

    // nginx, one worker, serving the same bytes.
    const QString nginx = QStandardPaths::findExecutable(u"nginx"_s, {u"/usr/sbin"_s});
    QTemporaryDir dir;
    std::unique_ptr<QProcess> server;
    quint16 nginxPort = 0;
    {
        QTcpServer probe; // a free port for nginx
        probe.listen(QHostAddress::LocalHost, 0);
        nginxPort = probe.serverPort();
    }
    if (!nginx.isEmpty()) {
        // nginx's worker runs as another user: the folder must be readable.
        QFile::setPermissions(dir.path(), QFile::permissions(dir.path()) | QFile::ReadOther |
                                              QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup);
        QDir(dir.path()).mkpath(u"logs"_s);
        QFile body(dir.filePath(u"regions.json"_s));
        body.open(QIODevice::WriteOnly);
        body.write(regions);
        body.close();
        QFile conf(dir.filePath(u"nginx.conf"_s));
        conf.open(QIODevice::WriteOnly);
        conf.write(QStringLiteral(
                       "daemon off; worker_processes 1; pid %1/nginx.pid; error_log %1/error.log;\n"
                       "events { worker_connections 4096; }\n"
                       "http { access_log off; keepalive_requests 1000000;\n"
                       "  server { listen 127.0.0.1:%2;\n"
                       "    location = /api/v1/regions { default_type application/json;\n"
                       "      alias %1/regions.json; } } }\n")
                       .arg(dir.path())
                       .arg(nginxPort)
                       .toUtf8());
        conf.close();
        server = std::make_unique<QProcess>();
        server->start(nginx, {u"-p"_s, dir.path(), u"-c"_s, dir.filePath(u"nginx.conf"_s)});
        spin(500);
        const QByteArray same = fetch(QUrl(u"http://127.0.0.1:%1/api/v1/regions"_s.arg(nginxPort)));
        if (same != regions) {
            std::printf("  nginx: not serving the same bytes (%s); skipped\n",
                        server->readAllStandardError().trimmed().constData());
            server->kill();
            server->waitForFinished();
            server.reset();
        }
    }

    std::printf("GET /api/v1/regions (%lld bytes), wrk -t1 %d s, this 2-core machine:\n",
                static_cast<long long>(regions.size()), kWrkSeconds);
    std::printf("  %-11s %12s %10s %12s %10s %8s\n", "connections", "waddle req/s", "p99 ms",
                "nginx req/s", "p99 ms", "ratio");
    for (const int connections : {10, 50}) {
        const WrkFigures ours = runWrk(wrk, base + u"/api/v1/regions"_s, connections);
        WrkFigures theirs;
        if (server)
            theirs =
                runWrk(wrk, u"http://127.0.0.1:%1/api/v1/regions"_s.arg(nginxPort), connections);
        std::printf("  %-11d %12.0f %10.2f %12.0f %10.2f %8.2f\n", connections,
                    ours.requestsPerSecond, ours.p99Ms, theirs.requestsPerSecond, theirs.p99Ms,
                    theirs.requestsPerSecond > 0 ? ours.requestsPerSecond / theirs.requestsPerSecond
                                                 : 0.0);
    }
    if (nginx.isEmpty())
        std::printf("  nginx: skipped (not installed; Debian package nginx-light)\n");
    const WrkFigures waddles =
        runWrk(wrk, base + u"/api/v1/waddles?limit=50"_s, 10, "Bearer " + adminKey.toLatin1());
    std::printf("GET /api/v1/waddles?limit=50, 10 connections: %.0f req/s, p99 %.2f ms\n",
                waddles.requestsPerSecond, waddles.p99Ms);
    if (server) {
        server->kill();
        server->waitForFinished();
    }
}

void benchIdle(cp::ControlPlane &plane)
{
    const double before = rssMiB();
    auto [child, held] = startHolder(
        {u"--hold"_s, QString::number(kIdleConnections), QString::number(plane.port())});
    spin(500);
    const int open = plane.openConnections();
    const double with = rssMiB();
    std::printf("idle connections: %d held by the client, %d open in the server; RSS %.1f → "
                "%.1f MiB (%.1f KiB each)\n",
                held, open, before, with, open > 0 ? (with - before) * 1024 / open : 0.0);
    child->closeWriteChannel();
    child->waitForFinished();
}

void benchSlowReaders(cp::ControlPlane &plane)
{
    cp::EventHub &hub = plane.events();
    auto [child, held] =
        startHolder({u"--ws"_s, QString::number(kSlowClients), QString::number(plane.port())});
    spin(300);
    const int clients = hub.clientCount();
    const double before = rssMiB();
    double peak = before;
    const QString filler(kBurstBytes, u'f');
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kBurstMessages; ++i) {
        hub.publish(u"bench.burst"_s, {{u"n"_s, i}, {u"filler"_s, filler}});
        if (i % 100 == 0) {
            QCoreApplication::processEvents();
            peak = std::max(peak, rssMiB());
        }
    }
    const qint64 publishMs = timer.elapsed();
    // Dropped clients get wsCloseGraceMs (5 s) for the close handshake.
    for (int i = 0; i < 160 && hub.clientCount() > 0; ++i) {
        spin(50);
        peak = std::max(peak, rssMiB());
    }
    std::printf("slow WebSocket readers: %d connected (%d upgraded); %d events × %d bytes "
                "published in %lld ms (%.0f MiB nominal per client, %.1f GiB in all "
                "without a cap); RSS %.1f MiB before, peak %.1f, after %.1f; %d clients left "
                "(the rest dropped with 1008)\n",
                held, clients, kBurstMessages, kBurstBytes, static_cast<long long>(publishMs),
                kBurstMessages * kBurstBytes / 1048576.0,
                clients * double(kBurstMessages) * kBurstBytes / (1024.0 * 1048576.0), before, peak,
                rssMiB(), hub.clientCount());
    child->closeWriteChannel();
    child->waitForFinished();
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 4 && (qstrcmp(argv[1], "--hold") == 0 || qstrcmp(argv[1], "--ws") == 0))
        return holdConnections(atoi(argv[2]), static_cast<quint16>(atoi(argv[3])),
                               qstrcmp(argv[1], "--ws") == 0);
    raiseFileLimit();
    QCoreApplication app(argc, argv);
    QTemporaryDir dataDir;
    cp::ControlPlaneOptions options;
    options.port = 0;
    options.dataDir = dataDir.path();
    options.demo = true;
    options.requestsPerMinute = 100'000'000;
    options.healthIntervalMs = 60'000;
    options.transport.maxConnectionsPerAddress = options.transport.maxConnections;
    embedded::Backend backend(options);
    if (const domain::Result<void> started = backend.start(); !started) {
        std::fprintf(stderr, "bench_transport: %s\n", qPrintable(started.error().message));
        return 1;
    }
    cp::ControlPlane &plane = backend.plane();
    std::printf("bench_transport: control plane on port %u, RSS %.1f MiB at start\n", plane.port(),
                rssMiB());
    benchWrk(plane, plane.adminKey());
    benchIdle(plane);
    benchSlowReaders(plane);
    return 0;
}
