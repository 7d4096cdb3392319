// Beast's string_view is std::string_view in every file that uses Beast
// (requestframing.h defines it too; it must come before any Beast header).
#define BOOST_BEAST_USE_STD_STRING_VIEW

#include "apiserver.h"

#include "controlplane/services/eventhub.h"
#include "requestframing.h"

#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#if __has_include(<netinet/tcp.h>)
#include <netinet/in.h>
#include <netinet/tcp.h>
#endif

namespace waddle::cp {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

std::chrono::milliseconds ms(int value)
{
    return std::chrono::milliseconds(value);
}

// What all connections share: the limits, the Qt-side targets and the
// connection counts (locked: accepts and closes happen on any I/O thread).
struct Core
{
    ApiServer *server = nullptr; // the Qt-thread context; outlives the I/O threads
    Dispatcher *dispatcher = nullptr;
    EventHub *events = nullptr;
    TransportLimits limits;

    std::atomic<int> webSockets = 0; // live event-stream sessions

    // Published answers (ApiServer::publish): each an immutable set of
    // bytes, replaced whole under the lock and read through a shared_ptr.
    struct Cached
    {
        QByteArray bytes[2][2]; // [close][head]
    };
    std::mutex cacheMutex;
    std::vector<std::pair<std::string, std::shared_ptr<const Cached>>> cached;

    std::shared_ptr<const Cached> cachedFor(std::string_view path)
    {
        const std::lock_guard lock(cacheMutex);
        for (const auto &[known, answer] : cached) {
            if (known == path)
                return answer;
        }
        return nullptr;
    }

    void setCached(const std::string &path, std::shared_ptr<const Cached> answer)
    {
        const std::lock_guard lock(cacheMutex);
        std::erase_if(cached, [&](const auto &entry) { return entry.first == path; });
        if (answer)
            cached.emplace_back(path, std::move(answer));
    }

    std::mutex mutex;
    int open = 0;
    std::unordered_map<std::string, int> perAddress;

    bool admit(const std::string &address)
    {
        const std::lock_guard lock(mutex);
        if (open >= limits.maxConnections)
            return false;
        int &mine = perAddress[address];
        if (mine >= limits.maxConnectionsPerAddress) {
            if (mine == 0)
                perAddress.erase(address);
            return false;
        }
        ++mine;
        ++open;
        return true;
    }

    void release(const std::string &address)
    {
        const std::lock_guard lock(mutex);
        --open;
        if (const auto it = perAddress.find(address); it != perAddress.end() && --it->second <= 0)
            perAddress.erase(it);
    }

    // Runs `f` on the Qt thread (queued; dropped if the server has gone).
    template <typename F>
    void onQtThread(F &&f)
    {
        QMetaObject::invokeMethod(server, std::forward<F>(f), Qt::QueuedConnection);
    }
};

// One admitted connection's place in the counts, given back on destruction
// (it moves from the HTTP session to the WebSocket one on upgrade).
class Slot
{
public:
    Slot(std::shared_ptr<Core> core, std::string address)
        : m_core(std::move(core))
        , m_address(std::move(address))
    {}
    ~Slot() { m_core->release(m_address); }
    Slot(const Slot &) = delete;
    Slot &operator=(const Slot &) = delete;

    [[nodiscard]] const std::string &address() const { return m_address; }

private:
    std::shared_ptr<Core> m_core;
    std::string m_address;
};

Method methodOf(http::verb verb)
{
    static constexpr std::pair<http::verb, Method> kMethods[] = {
        {http::verb::get, Method::Get},        {http::verb::put, Method::Put},
        {http::verb::delete_, Method::Delete}, {http::verb::post, Method::Post},
        {http::verb::head, Method::Head},      {http::verb::options, Method::Options},
        {http::verb::patch, Method::Patch}};
    for (const auto &[known, method] : kMethods) {
        if (known == verb)
            return method;
    }
    return Method::Unknown;
}

class WsSession;

// The hub's handle on one event-stream client (EventClient), made on the Qt
// thread before the WebSocket handshake: messages sent before the session
// is attached wait here, and the Qt thread never holds the session itself.
class WsHandle final : public EventClient
{
public:
    void send(const std::shared_ptr<const QByteArray> &message) override;
    void close(quint16 code, const QString &reason) override;

    // On the session's strand.
    void attach(const std::shared_ptr<WsSession> &session);
    void detach();

private:
    // The attached session, or nothing after `park` ran under the lock (not
    // attached yet) or when the client has gone.
    template <typename F>
    std::shared_ptr<WsSession> sessionOr(F park)
    {
        const std::lock_guard lock(m_mutex);
        if (m_gone)
            return {};
        std::shared_ptr<WsSession> session = m_session.lock();
        if (!session)
            park();
        return session;
    }

    std::mutex m_mutex;
    std::weak_ptr<WsSession> m_session;
    std::vector<std::shared_ptr<const QByteArray>> m_pending;
    std::optional<std::pair<quint16, std::string>> m_close;
    bool m_gone = false;
};

// One event-stream client after the upgrade: a read loop (control frames,
// read_message_max) and a capped send queue written one message at a time.
class WsSession : public std::enable_shared_from_this<WsSession>
{
public:
    WsSession(tcp::socket socket, std::shared_ptr<Core> core, std::shared_ptr<Slot> slot,
              std::shared_ptr<WsHandle> handle)
        : m_ws(std::move(socket))
        , m_core(std::move(core))
        , m_slot(std::move(slot))
        , m_handle(std::move(handle))
        , m_kill(m_ws.get_executor())
    {
        ++m_core->webSockets;
    }

    ~WsSession()
    {
        --m_core->webSockets;
        m_handle->detach();
        // Tell the hub (Qt thread); dropped when the server has gone.
        Core *core = m_core.get();
        const std::shared_ptr<WsHandle> handle = m_handle;
        core->onQtThread([core, handle] { core->events->remove(handle.get()); });
    }
    WsSession(const WsSession &) = delete;
    WsSession &operator=(const WsSession &) = delete;

    void start(http::request<http::string_body> request, std::optional<std::string> refusal)
    {
        beast::get_lowest_layer(m_ws).expires_never();
        configureEventStream(m_ws, m_core->limits);
        m_ws.async_accept(request, [self = shared_from_this(),
                                    refusal = std::move(refusal)](beast::error_code ec) {
            if (ec)
                return;
            self->m_open = true;
            if (refusal) {
                self->closeWith(websocket::close_code::policy_error, *refusal);
                return;
            }
            self->m_handle->attach(self);
            self->read();
            if (self->m_closing)
                self->startClose();
            else if (!self->m_writing && !self->m_queue.empty())
                self->writeNext();
        });
    }

    // From any thread.
    void post(std::shared_ptr<const QByteArray> message)
    {
        asio::post(m_ws.get_executor(), [self = shared_from_this(), message = std::move(message)] {
            self->enqueue(message);
        });
    }
    void postClose(quint16 code, std::string reason)
    {
        asio::post(m_ws.get_executor(),
                   [self = shared_from_this(), code, reason = std::move(reason)] {
                       self->closeWith(code, reason);
                   });
    }

    // On the strand.
    void enqueue(const std::shared_ptr<const QByteArray> &message)
    {
        if (m_closing)
            return;
        const TransportLimits &limits = m_core->limits;
        const auto size = static_cast<std::size_t>(message->size());
        if (m_queue.size() >= static_cast<std::size_t>(limits.wsQueueMessages) ||
            m_queuedBytes + size > limits.wsQueueBytes) {
            closeWith(websocket::close_code::policy_error,
                      "too slow: over " + std::to_string(limits.wsQueueMessages) + " messages or " +
                          std::to_string(limits.wsQueueBytes) + " bytes unsent");
            return;
        }
        m_queue.push_back(message);
        m_queuedBytes += size;
        if (m_open && !m_writing)
            writeNext();
    }

    void closeWith(quint16 code, const std::string &reason)
    {
        if (m_closing)
            return;
        m_closing = true;
        m_closeCode = code;
        m_closeReason = reason.substr(0, 120); // a close frame's reason: ≤ 123 bytes
        m_queue.clear();
        m_queuedBytes = 0;
        if (m_open)
            startClose();
    }

private:
    void read()
    {
        m_ws.async_read(m_in, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec)
                return; // closed, timed out, or over read_message_max (Beast closes 1009)
            self->m_in.consume(self->m_in.size()); // clients have nothing to say
            self->read();
        });
    }

    void writeNext()
    {
        m_writing = true;
        const std::shared_ptr<const QByteArray> message = m_queue.front();
        m_ws.text(true);
        m_ws.async_write(
            asio::buffer(message->constData(), static_cast<std::size_t>(message->size())),
            [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
                self->m_writing = false;
                if (ec || self->m_closing)
                    return;
                self->m_queue.pop_front();
                self->m_queuedBytes -= static_cast<std::size_t>(message->size());
                if (!self->m_queue.empty())
                    self->writeNext();
            });
    }

    void startClose()
    {
        // The close frame waits behind a write in progress; a client that
        // reads nothing at all loses its socket after the grace period.
        m_ws.async_close(
            websocket::close_reason(static_cast<websocket::close_code>(m_closeCode), m_closeReason),
            [self = shared_from_this()](beast::error_code) { self->m_kill.cancel(); });
        m_kill.expires_after(ms(m_core->limits.wsCloseGraceMs));
        m_kill.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec)
                return;
            beast::error_code ignored;
            beast::get_lowest_layer(self->m_ws).socket().close(ignored);
        });
    }

    websocket::stream<beast::tcp_stream> m_ws;
    std::shared_ptr<Core> m_core;
    std::shared_ptr<Slot> m_slot;
    std::shared_ptr<WsHandle> m_handle;
    asio::steady_timer m_kill;
    beast::flat_buffer m_in;
    std::deque<std::shared_ptr<const QByteArray>> m_queue;
    std::size_t m_queuedBytes = 0;
    bool m_open = false;
    bool m_writing = false;
    bool m_closing = false;
    quint16 m_closeCode = websocket::close_code::normal;
    std::string m_closeReason;
};

void WsHandle::send(const std::shared_ptr<const QByteArray> &message)
{
    if (const std::shared_ptr<WsSession> session = sessionOr([&] { m_pending.push_back(message); }))
        session->post(message);
}

void WsHandle::close(quint16 code, const QString &reason)
{
    if (const std::shared_ptr<WsSession> session =
            sessionOr([&] { m_close = std::pair(code, reason.toStdString()); }))
        session->postClose(code, reason.toStdString());
}

void WsHandle::attach(const std::shared_ptr<WsSession> &session)
{
    std::vector<std::shared_ptr<const QByteArray>> pending;
    std::optional<std::pair<quint16, std::string>> close;
    {
        const std::lock_guard lock(m_mutex);
        m_session = session;
        pending.swap(m_pending);
        close.swap(m_close);
    }
    for (const auto &message : pending)
        session->enqueue(message);
    if (close)
        session->closeWith(close->first, close->second);
}

void WsHandle::detach()
{
    const std::lock_guard lock(m_mutex);
    m_gone = true;
    m_session.reset();
    m_pending.clear();
}

// One HTTP connection: reads a request (header, then body, each under its
// limits and timeouts), posts it to the Qt thread, parks until the answer
// comes back, writes it, and reads the next one.
class HttpSession : public std::enable_shared_from_this<HttpSession>
{
public:
    HttpSession(tcp::socket socket, std::shared_ptr<Core> core, std::shared_ptr<Slot> slot)
        : m_stream(std::move(socket))
        , m_core(std::move(core))
        , m_slot(std::move(slot))
        , m_wait(m_stream.get_executor())
    {}

    void run()
    {
        asio::dispatch(m_stream.get_executor(),
                       [self = shared_from_this()] { self->awaitRequest(); });
    }

    // From the Qt thread: the answer, serialised.
    void respond(QByteArray bytes, bool keepAlive)
    {
        asio::post(m_stream.get_executor(),
                   [self = shared_from_this(), bytes = std::move(bytes), keepAlive] {
                       self->m_out = bytes;
                       self->m_keepAlive = keepAlive;
                       self->m_wait.cancel();
                   });
    }
    // From the Qt thread: the upgrade is decided.
    void upgrade(std::shared_ptr<WsHandle> handle, std::optional<std::string> refusal)
    {
        asio::post(m_stream.get_executor(), [self = shared_from_this(), handle = std::move(handle),
                                             refusal = std::move(refusal)] {
            self->m_upgradeTo = handle;
            self->m_refusal = refusal;
            self->m_wait.cancel();
        });
    }

private:
    const TransportLimits &limits() const { return m_core->limits; }

    // Between requests nothing is allocated but the socket: the wait for
    // the first byte uses no buffer (10,000 idle connections stay cheap).
    void awaitRequest()
    {
        m_parser.reset();
        if (m_buffer.size() > 0) {
            readHeader();
            return;
        }
        m_buffer.shrink_to_fit();
        ++m_idleRound;
        m_wait.expires_after(ms(m_served == 0 ? limits().headerTimeoutMs : limits().idleTimeoutMs));
        m_wait.async_wait([self = shared_from_this(), round = m_idleRound](beast::error_code ec) {
            if (!ec && round == self->m_idleRound) {
                beast::error_code ignored;
                self->m_stream.socket().close(ignored); // idle too long
            }
        });
        m_stream.socket().async_wait(tcp::socket::wait_read,
                                     [self = shared_from_this()](beast::error_code ec) {
                                         ++self->m_idleRound;
                                         self->m_wait.cancel();
                                         if (!ec)
                                             self->readHeader();
                                     });
    }

    void readHeader()
    {
        m_parser.emplace();
        // The route is not known yet: let the largest announce through, and
        // hold the body to its route's limit once the head is read.
        m_bodyLimit =
            prepareRequestParser(*m_parser, limits(), m_core->dispatcher->largestBodyLimit());
        m_stream.expires_after(ms(limits().headerTimeoutMs));
        http::async_read_header(
            m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t headerBytes) {
                self->onHeader(ec, headerBytes);
            });
    }

    void onHeader(beast::error_code ec, std::size_t headerBytes)
    {
        if (ec) {
            failRead(ec);
            return;
        }
        if (const std::optional<FrameRefusal> refusal =
                checkRequestHead(*m_parser, headerBytes, limits())) {
            refuse(*refusal);
            return;
        }
        const http::request<http::string_body> &request = m_parser->get();
        m_chunkedHead = headBeforeTrailer(*m_parser);
        // A request with a body is held to its route's limit (the route is
        // looked up only then: most requests have none).
        if (announcesBody(*m_parser)) {
            const std::string_view path = pathOf(request.target());
            m_bodyLimit = m_core->dispatcher->bodyLimit(
                methodOf(request.method()),
                QString::fromUtf8(path.data(), static_cast<qsizetype>(path.size())));
            if (const std::optional<FrameRefusal> refusal = holdBodyTo(*m_parser, m_bodyLimit)) {
                refuse(*refusal);
                return;
            }
        }
        switch (upgradeAsked(request, kEventsPath)) {
        case UpgradeAsk::EventStream:
            askForUpgrade();
            return;
        case UpgradeAsk::Malformed:
            refuse(malformedUpgrade());
            return;
        case UpgradeAsk::None:
            break;
        }
        if (beast::iequals(request[http::field::expect], "100-continue") && !m_parser->is_done()) {
            // curl waits for this before sending a body.
            m_stream.expires_after(ms(limits().bodyTimeoutMs));
            asio::async_write(m_stream, asio::buffer(kContinue, sizeof(kContinue) - 1),
                              [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                  if (!ec)
                                      self->readBody();
                              });
            return;
        }
        readBody();
    }

    void readBody()
    {
        if (m_parser->is_done()) {
            onRequest();
            return;
        }
        // Beast reads only into the room the buffer has (at least 512
        // bytes), and after the head that is about a kilobyte: a 2 MB body
        // came in 3,500 reads of 600 bytes (15–20 ms on loopback, 4 ms for
        // the same bytes read 64 KiB at a time). The room is never more
        // than the body still to come, which Beast's string body has
        // already reserved, and is given back between requests
        // (awaitRequest).
        const std::uint64_t remaining =
            m_parser->content_length_remaining().value_or(kBodyReadBytes);
        if (const std::size_t room = std::min<std::uint64_t>(remaining, kBodyReadBytes);
            m_buffer.capacity() - m_buffer.size() < room) {
            m_buffer.reserve(m_buffer.size() + room);
        }
        ackPromptly(m_stream.socket());
        // The timeout restarts with every read: it bounds progress, not size.
        m_stream.expires_after(ms(limits().bodyTimeoutMs));
        http::async_read_some(m_stream, m_buffer, *m_parser,
                              [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                  if (ec)
                                      self->failRead(ec);
                                  else
                                      self->readBody();
                              });
    }

    // While a body comes in, every segment is acknowledged at once rather
    // than after Linux's delayed-ACK wait (up to 40 ms): a client that holds
    // its last small segment until the ones before are acknowledged
    // (Nagle's algorithm; Qt's QNetworkAccessManager uploads so) otherwise
    // waits that long once per request — measured, 2 MB bodies: 78k
    // rows/s with the wait, 117k without (bench_analytics). The flag is
    // one-shot (the kernel clears it), so it is set before every read.
    static void ackPromptly([[maybe_unused]] tcp::socket &socket)
    {
#ifdef TCP_QUICKACK
        const int on = 1;
        ::setsockopt(socket.native_handle(), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#endif
    }

    void failRead(const beast::error_code &ec)
    {
        // Nothing when the peer has gone, or a timeout closed the socket:
        // there is no one to answer.
        if (const std::optional<FrameRefusal> refusal =
                refusalOfReadError(ec, limits(), m_bodyLimit))
            refuse(*refusal);
    }
    static QUrlQuery queryOf(std::string_view target)
    {
        const std::size_t mark = target.find('?');
        if (mark == std::string_view::npos)
            return {};
        const std::string_view query = target.substr(mark + 1);
        const QUrlQuery raw(QString::fromUtf8(query.data(), static_cast<qsizetype>(query.size())));
        // QUrlQuery matches keys as sent: `metrics%5B%5D` (how most clients
        // send `metrics[]`) would not be `metrics[]`. Every item again with
        // its key and value decoded, only the query's own delimiters (and
        // the percent sign) escaped.
        const auto escaped = [](QString text) {
            return text.replace(u'%', QLatin1String("%25"))
                .replace(u'&', QLatin1String("%26"))
                .replace(u'=', QLatin1String("%3D"))
                .replace(u'+', QLatin1String("%2B"))
                .replace(u'#', QLatin1String("%23"));
        };
        QUrlQuery decoded;
        for (const auto &[key, value] : raw.queryItems(QUrl::FullyDecoded))
            decoded.addQueryItem(escaped(key), escaped(value));
        return decoded;
    }

    // A keyless GET or HEAD of a published path, answered here.
    bool answerFromCache(const http::request<http::string_body> &request)
    {
        const bool head = request.method() == http::verb::head;
        if ((!head && request.method() != http::verb::get) ||
            request.count(http::field::authorization) > 0)
            return false;
        const std::string_view target = request.target();
        if (target.find('?') != std::string_view::npos)
            return false;
        const std::shared_ptr<const Core::Cached> cached = m_core->cachedFor(target);
        if (!cached)
            return false;
        m_core->dispatcher->countLater();
        m_keepAlive = request.keep_alive();
        if (m_remote.isEmpty())
            m_remote = QString::fromStdString(m_slot->address());
        if (const std::optional<HttpResponse> refused = m_core->dispatcher->admitKeyless(m_remote))
            m_out = serialize(*refused, !m_keepAlive, head);
        else
            m_out = cached->bytes[m_keepAlive ? 0 : 1][head ? 1 : 0];
        m_parser.reset();
        write();
        return true;
    }

    void onRequest()
    {
        m_stream.expires_never();
        dropTrailerFields(m_parser->get(), m_chunkedHead);
        m_chunkedHead.reset();
        const http::request<http::string_body> &request = m_parser->get();
        if (answerFromCache(request))
            return;
        ApiRequest api;
        api.method = methodOf(request.method());
        const std::string_view path = pathOf(request.target());
        api.path = QString::fromUtf8(path.data(), static_cast<qsizetype>(path.size()));
        api.query = queryOf(request.target());
        for (const auto &field : request) {
            const std::string_view name = field.name_string();
            const std::string_view value = field.value();
            QByteArray lower =
                QByteArray(name.data(), static_cast<qsizetype>(name.size())).toLower();
            QByteArray &slot = api.headers[lower];
            if (!slot.isEmpty())
                slot += ", ";
            slot += QByteArray(value.data(), static_cast<qsizetype>(value.size()));
        }
        api.body = QByteArray::fromStdString(request.body());
        const bool keepAlive = request.keep_alive();
        const bool head = api.method == Method::Head;
        m_parser.reset();

        park();
        const std::weak_ptr<HttpSession> weak = weak_from_this();
        Core *core = m_core.get();
        const QString remote = QString::fromStdString(m_slot->address());
        core->onQtThread([core, weak, api, remote, keepAlive, head] {
            auto answered = std::make_shared<bool>(false);
            core->dispatcher->dispatch(
                api, remote, [weak, keepAlive, head, answered](const HttpResponse &response) {
                    if (std::exchange(*answered, true))
                        return;
                    if (const std::shared_ptr<HttpSession> self = weak.lock())
                        self->respond(serialize(response, !keepAlive, head), keepAlive);
                });
        });
    }

    void askForUpgrade()
    {
        const http::request<http::string_body> &request = m_parser->get();
        const std::string_view authorization = request[http::field::authorization];
        const QByteArray header(authorization.data(), static_cast<qsizetype>(authorization.size()));
        const QUrlQuery query = queryOf(request.target());
        const QString token = query.queryItemValue(QStringLiteral("access_token"));

        park();
        const std::weak_ptr<HttpSession> weak = weak_from_this();
        Core *core = m_core.get();
        const QString remote = QString::fromStdString(m_slot->address());
        core->onQtThread([core, weak, header, token, remote] {
            const std::shared_ptr<HttpSession> self = weak.lock();
            if (!self)
                return;
            domain::Result<std::optional<ApiKey>, HttpResponse> key =
                header.isEmpty() ? core->dispatcher->authenticateSecret(token, remote)
                                 : core->dispatcher->authenticate(header, remote);
            if (!key && key.error().status == 429) {
                self->respond(serialize(key.error(), true), false);
                return;
            }
            auto handle = std::make_shared<WsHandle>();
            if (!key) {
                self->upgrade(handle, "the API key is unknown or revoked");
                return;
            }
            core->events->add(handle, key.value());
            self->upgrade(handle, std::nullopt);
        });
    }

    // Waits for the Qt thread's answer; the pending wait is what keeps the
    // session alive meanwhile (the Qt side holds only a weak reference).
    void park()
    {
        m_stream.expires_never();
        m_wait.expires_at(asio::steady_timer::time_point::max());
        m_wait.async_wait([self = shared_from_this()](beast::error_code) { self->onAnswer(); });
    }

    void onAnswer()
    {
        if (m_upgradeTo) {
            auto ws = std::make_shared<WsSession>(m_stream.release_socket(), m_core,
                                                  std::move(m_slot), std::move(m_upgradeTo));
            ws->start(m_parser->release(), std::move(m_refusal));
            return;
        }
        write();
    }

    void refuse(const FrameRefusal &refusal)
    {
        m_out = serialize(HttpResponse::error(refusal.status, refusal.code, refusal.message), true);
        m_keepAlive = false;
        write();
    }

    void write()
    {
        m_stream.expires_after(ms(limits().bodyTimeoutMs));
        asio::async_write(m_stream,
                          asio::buffer(m_out.constData(), static_cast<std::size_t>(m_out.size())),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec)
                                  return;
                              self->m_out.clear();
                              ++self->m_served;
                              if (self->m_keepAlive)
                                  self->awaitRequest();
                              else
                                  self->linger();
                          });
    }

    // Closes without losing the answer: shut our side, then drain what the
    // client still sends (bounded in bytes and time) so that the close does
    // not reset the connection before the client has read the answer.
    void linger()
    {
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_buffer.clear();
        m_buffer.shrink_to_fit();
        m_parser.reset();
        m_scratch = std::make_unique<char[]>(kScratchBytes);
        m_stream.expires_after(ms(limits().lingerMs));
        drain();
    }

    void drain()
    {
        m_stream.async_read_some(asio::buffer(m_scratch.get(), kScratchBytes),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                     self->m_drained += n;
                                     if (!ec && self->m_drained < kMaxDrainBytes)
                                         self->drain();
                                 });
    }

    static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
    static constexpr std::size_t kScratchBytes = 16 * 1024;
    static constexpr std::size_t kBodyReadBytes = 64 * 1024; // Beast's largest read
    static constexpr std::size_t kMaxDrainBytes = 64 * 1024 * 1024;

    beast::tcp_stream m_stream;
    std::shared_ptr<Core> m_core;
    std::shared_ptr<Slot> m_slot;
    asio::steady_timer m_wait;
    beast::flat_buffer m_buffer;
    std::optional<RequestParser> m_parser;
    qint64 m_bodyLimit = 0;                   // the request's, once its head is read
    std::optional<RequestHead> m_chunkedHead; // to drop its trailer's fields
    QString m_remote;                         // the peer's address, once a cached answer needs it
    QByteArray m_out;
    bool m_keepAlive = true;
    quint64 m_served = 0;
    quint64 m_idleRound = 0;
    std::shared_ptr<WsHandle> m_upgradeTo;
    std::optional<std::string> m_refusal;
    std::unique_ptr<char[]> m_scratch;
    std::size_t m_drained = 0;
};

// Accepts connections; over a cap it answers 503 and closes at once. When
// accept itself fails (out of file descriptors) it waits before trying
// again instead of spinning.
class Listener : public std::enable_shared_from_this<Listener>
{
public:
    Listener(asio::io_context &io, std::shared_ptr<Core> core)
        : m_io(io)
        , m_acceptor(asio::make_strand(io))
        , m_backoff(m_acceptor.get_executor())
        , m_core(std::move(core))
    {}

    bool listen(const tcp::endpoint &endpoint)
    {
        beast::error_code ec;
        m_acceptor.open(endpoint.protocol(), ec);
        if (!ec)
            m_acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec)
            m_acceptor.bind(endpoint, ec);
        if (!ec)
            m_acceptor.listen(1024, ec);
        return !ec;
    }

    [[nodiscard]] quint16 port() const
    {
        beast::error_code ec;
        return m_acceptor.local_endpoint(ec).port();
    }

    // Stops accepting (from any thread).
    void close()
    {
        asio::post(m_acceptor.get_executor(), [self = shared_from_this()] {
            beast::error_code ignored;
            self->m_acceptor.close(ignored);
            self->m_backoff.cancel();
        });
    }

    void accept()
    {
        m_acceptor.async_accept(
            asio::make_strand(m_io),
            [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                self->onAccept(ec, std::move(socket));
            });
    }

private:
    void onAccept(beast::error_code ec, tcp::socket socket)
    {
        if (ec == asio::error::operation_aborted)
            return;
        if (ec) {
            m_backoff.expires_after(std::chrono::milliseconds(100));
            m_backoff.async_wait([self = shared_from_this()](beast::error_code waited) {
                if (!waited)
                    self->accept();
            });
            return;
        }
        beast::error_code ignored;
        const std::string address = socket.remote_endpoint(ignored).address().to_string();
        if (m_core->admit(address)) {
            std::make_shared<HttpSession>(std::move(socket), m_core,
                                          std::make_shared<Slot>(m_core, address))
                ->run();
        } else {
            refuse(std::move(socket));
        }
        accept();
    }

    void refuse(tcp::socket socket)
    {
        static const QByteArray answer = serialize(
            HttpResponse::error(503, QStringLiteral("unavailable"),
                                QStringLiteral("too many open connections; try again later"))
                .withHeader("Retry-After", "1"),
            true);
        beast::error_code ignored;
        socket.non_blocking(true, ignored);
        socket.write_some(asio::buffer(answer.constData(), static_cast<std::size_t>(answer.size())),
                          ignored);
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
    }

    asio::io_context &m_io;
    tcp::acceptor m_acceptor;
    asio::steady_timer m_backoff;
    std::shared_ptr<Core> m_core;
};

} // namespace

constexpr int kShutdownGraceMs = 100;
constexpr int kCountIntervalMs = 1000;

struct ApiServer::Impl
{
    asio::io_context io;
    std::shared_ptr<Core> core = std::make_shared<Core>();
    std::shared_ptr<Listener> listener;
    std::vector<std::thread> threads;
    QTimer counting; // hands the cached answers' count to the dispatcher
};

ApiServer::ApiServer(Dispatcher &dispatcher, EventHub &events, TransportLimits limits,
                     QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Impl>())
{
    d->core->server = this;
    d->core->dispatcher = &dispatcher;
    d->core->events = &events;
    d->core->limits = limits;
    d->counting.setInterval(kCountIntervalMs);
    connect(&d->counting, &QTimer::timeout, this, [&dispatcher] { dispatcher.flushCounts(); });
    d->counting.start();
}

ApiServer::~ApiServer()
{
    // Event-stream clients were asked to close (EventHub::closeAll, 1001):
    // give the I/O thread a moment to send their close frames, so a client
    // learns "going away" rather than a dropped connection.
    if (d->listener)
        d->listener->close();
    for (int waited = 0; d->core->webSockets > 0 && waited < kShutdownGraceMs; waited += 5)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    // Stop and join the I/O threads; then the connections go with the
    // io_context, on this thread, while nothing else runs.
    d->io.stop();
    for (std::thread &thread : d->threads)
        thread.join();
    d->listener.reset();
    d->core->dispatcher->flushCounts();
    d.reset();
}

quint16 ApiServer::start(const QHostAddress &address, quint16 port)
{
    beast::error_code ec;
    const asio::ip::address ip = asio::ip::make_address(address.toString().toStdString(), ec);
    if (ec)
        return 0;
    d->listener = std::make_shared<Listener>(d->io, d->core);
    if (!d->listener->listen(tcp::endpoint(ip, port))) {
        d->listener.reset();
        return 0;
    }
    m_port = d->listener->port();
    d->listener->accept();
    for (int i = 0; i < std::max(1, d->core->limits.ioThreads); ++i)
        d->threads.emplace_back([this] { d->io.run(); });
    return m_port;
}

void ApiServer::publish(const QString &path, const HttpResponse &response)
{
    auto cached = std::make_shared<Core::Cached>();
    for (const bool close : {false, true}) {
        for (const bool head : {false, true})
            cached->bytes[close ? 1 : 0][head ? 1 : 0] = serialize(response, close, head);
    }
    d->core->setCached(path.toStdString(), std::move(cached));
}

void ApiServer::withdraw(const QString &path)
{
    d->core->setCached(path.toStdString(), nullptr);
}

int ApiServer::openConnections() const
{
    const std::lock_guard lock(d->core->mutex);
    return d->core->open;
}

} // namespace waddle::cp
