#pragma once

#include "apierror.h"
#include "domain/role.h"

#include <QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <optional>

namespace waddle::client {

class ApiClient;

// The one spelling of a control plane's base URL: lower-case scheme and host,
// no default port, no user info, query or fragment, no trailing slash. The
// cache keys everything by it so two servers never mix and
// "http://Host:80/" and "http://host" are one server.
QUrl normalisedServerUrl(const QUrl &url);
QString serverKey(const QUrl &url);

// Which server the app talks to, with which key, and whether it can reach it
// right now (SPEC §13: offline/stale banner, automatic reconnect). The API
// key lives in memory only; keeping it (keychain) is the owner's business.
//
// The owner reports each call's outcome with markSuccess / markFailure and
// the time it happened, so the state machine runs on injected time (tests do
// not sleep) and never reads a clock itself:
//   Connecting ─ok→ Connected ─transient failure→ Reconnecting ─ok→ Connected
//   Reconnecting ─failing for offlineAfter→ Offline ─ok→ Connected
//   Connecting ─refused / unreachable→ Offline (at once: nothing to wait for)
//   any ─401/403→ Offline (the key was refused; retrying will not help)
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    enum class State
    {
        Connecting,   // no answer yet from this server (with this key)
        Connected,    // the last call succeeded
        Reconnecting, // calls fail, but it was connected a moment ago
        Offline,      // given up waiting; data shown is as of lastUpdate()
    };
    Q_ENUM(State)

    // How long calls may fail before a connection that was up counts as
    // offline (and a first contact that times out gives up).
    static constexpr std::chrono::milliseconds kDefaultOfflineAfter{30'000};

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    // A different server starts over: Connecting, no last update.
    void setServer(const QUrl &url);
    [[nodiscard]] QUrl server() const { return m_server; }
    [[nodiscard]] QString serverKey() const;

    // A different key is worth trying: Connecting again (data stays).
    void setApiKey(const QString &key);
    [[nodiscard]] QString apiKey() const { return m_apiKey; }
    [[nodiscard]] bool hasApiKey() const { return !m_apiKey.isEmpty(); }

    // The key's role as the server told it (GET /keys/self, issue 13);
    // none until then, and again after another key or server is set.
    void setRole(std::optional<domain::Role> role);
    [[nodiscard]] std::optional<domain::Role> role() const { return m_role; }
    // Whether this session may do `action` (domain::permitted): never
    // without a key; with a key whose role is not known yet (or a server
    // that does not say), yes — the server decides and refuses with a 403.
    [[nodiscard]] bool allows(domain::Action action) const;
    // Why not, for a disabled action's tooltip: "Needs the operator role;
    // this key is a viewer key." Empty when it may.
    [[nodiscard]] QString whyNot(domain::Action action) const;

    void setOfflineAfter(std::chrono::milliseconds after);
    [[nodiscard]] std::chrono::milliseconds offlineAfter() const { return m_offlineAfter; }

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isConnected() const { return m_state == State::Connected; }
    // When data last came from the server (or from the cache, see below).
    [[nodiscard]] QDateTime lastUpdate() const { return m_lastUpdate; }
    // The time of the last success while not Connected; invalid otherwise.
    [[nodiscard]] QDateTime staleSince() const;
    // The failure that made the state what it is, while not Connected.
    [[nodiscard]] std::optional<ApiError> lastError() const { return m_lastError; }
    // True while Offline because the server refused the key.
    [[nodiscard]] bool keyRefused() const;

    // A call answered at `at`.
    void markSuccess(const QDateTime &at);
    // A call failed at `at`. Failures that say nothing about the connection
    // (a 404, a 409, an answer that did not decode, a cancelled call) leave
    // the state alone: the server did answer.
    void markFailure(const ApiError &error, const QDateTime &at);
    // The app opened on cached data saved at `savedAt`: lastUpdate becomes
    // that time when it is later than what is known; the state stays.
    void restoreLastUpdate(const QDateTime &savedAt);

    // Plain words for the status bar / banner: "Connected", "Reconnecting…",
    // "Offline — showing data from 12 min ago", "Offline — the API key was
    // refused".
    [[nodiscard]] QString statusText(const QDateTime &now) const;
    // "just now", "1 min ago", "12 min ago", "2 h ago", "3 days ago".
    [[nodiscard]] static QString describeAge(const QDateTime &then, const QDateTime &now);

Q_SIGNALS:
    void stateChanged(waddle::client::Session::State state);
    void serverChanged();
    void apiKeyChanged();
    void lastUpdateChanged();
    // The role changed, or the key did (what allows() answers may differ).
    void permissionsChanged();

private:
    void setState(State state);
    void setLastUpdate(const QDateTime &at);
    void startOver();

    QUrl m_server;
    QString m_apiKey;
    std::optional<domain::Role> m_role;
    std::chrono::milliseconds m_offlineAfter = kDefaultOfflineAfter;
    State m_state = State::Connecting;
    QDateTime m_lastUpdate;
    QDateTime m_failingSince; // first failure of the current streak
    std::optional<ApiError> m_lastError;
};

QString toString(Session::State state);

// Asks the server what the session's key is (GET /keys/self) and keeps its
// role in the session. A refused key is a failure the session hears of; any
// other failure (an older server without the route, a network error) leaves
// the role unknown. An answer for a key or server no longer the session's
// is dropped.
QCoro::Task<void> fetchKeyRole(ApiClient &api, Session &session);

} // namespace waddle::client
