#include "session.h"

#include "apiclient.h"

#include <QPointer>

namespace waddle::client {

QUrl normalisedServerUrl(const QUrl &url)
{
    if (!url.isValid() || url.isEmpty())
        return {};
    QUrl out;
    const QString scheme = url.scheme().toLower();
    out.setScheme(scheme);
    out.setHost(url.host().toLower());
    const int port = url.port();
    const bool defaultPort = (port == 80 && (scheme == u"http" || scheme == u"ws")) ||
                             (port == 443 && (scheme == u"https" || scheme == u"wss"));
    if (port >= 0 && !defaultPort)
        out.setPort(port);
    QString path = url.adjusted(QUrl::NormalizePathSegments).path();
    while (path.endsWith(u'/'))
        path.chop(1);
    out.setPath(path);
    return out;
}

QString serverKey(const QUrl &url)
{
    return normalisedServerUrl(url).toString(QUrl::FullyEncoded);
}

QString toString(Session::State state)
{
    switch (state) {
    case Session::State::Connecting:
        return QStringLiteral("connecting");
    case Session::State::Connected:
        return QStringLiteral("connected");
    case Session::State::Reconnecting:
        return QStringLiteral("reconnecting");
    case Session::State::Offline:
        return QStringLiteral("offline");
    }
    return {};
}

Session::Session(QObject *parent)
    : QObject(parent)
{}

Session::~Session() = default;

QString Session::serverKey() const
{
    return client::serverKey(m_server);
}

void Session::setServer(const QUrl &url)
{
    const QUrl normalised = normalisedServerUrl(url);
    if (normalised == m_server)
        return;
    m_server = normalised;
    // Another server's data says nothing about this one.
    setLastUpdate({});
    startOver();
    Q_EMIT serverChanged();
    setRole(std::nullopt);
}

void Session::setApiKey(const QString &key)
{
    if (key == m_apiKey)
        return;
    m_apiKey = key;
    m_role.reset();
    startOver();
    Q_EMIT apiKeyChanged();
    Q_EMIT permissionsChanged();
}

void Session::setRole(std::optional<domain::Role> role)
{
    if (role == m_role)
        return;
    m_role = role;
    Q_EMIT permissionsChanged();
}

bool Session::allows(domain::Action action) const
{
    if (m_apiKey.isEmpty())
        return false;
    return !m_role || domain::permitted(*m_role, action);
}

QString Session::whyNot(domain::Action action) const
{
    if (allows(action))
        return {};
    const QString need = toString(domain::requiredRole(action));
    if (m_apiKey.isEmpty())
        return tr("Needs the %1 role; no API key is set.").arg(need);
    const QString have = toString(*m_role);
    // "an admin key", "an analyst key", "an owner key"; "a viewer key".
    const bool vowel = have.startsWith(u'a') || have.startsWith(u'o');
    return (vowel ? tr("Needs the %1 role; this key is an %2 key.")
                  : tr("Needs the %1 role; this key is a %2 key."))
        .arg(need, have);
}

void Session::setOfflineAfter(std::chrono::milliseconds after)
{
    m_offlineAfter = std::max(after, std::chrono::milliseconds::zero());
}

QDateTime Session::staleSince() const
{
    return m_state == State::Connected ? QDateTime() : m_lastUpdate;
}

bool Session::keyRefused() const
{
    return m_state == State::Offline && m_lastError && m_lastError->isUnauthorised();
}

void Session::markSuccess(const QDateTime &at)
{
    m_failingSince = QDateTime();
    m_lastError.reset();
    if (!m_lastUpdate.isValid() || at > m_lastUpdate)
        setLastUpdate(at);
    setState(State::Connected);
}

void Session::markFailure(const ApiError &error, const QDateTime &at)
{
    // A call that finished before the last success is old news.
    if (m_lastUpdate.isValid() && at.isValid() && at < m_lastUpdate &&
        m_state == State::Connected) {
        return;
    }
    if (error.isUnauthorised()) {
        m_lastError = error;
        if (!m_failingSince.isValid())
            m_failingSince = at;
        setState(State::Offline);
        return;
    }
    // Only failures to reach the server change the connection state; a 404,
    // a conflict or an undecodable answer came from a server that answered.
    const bool unreachable = error.isTransient() || error.kind == ApiError::Kind::Tls;
    if (!unreachable)
        return;

    m_lastError = error;
    if (!m_failingSince.isValid())
        m_failingSince = at;
    const bool waitedLongEnough =
        m_failingSince.msecsTo(at) >= static_cast<qint64>(m_offlineAfter.count());

    switch (m_state) {
    case State::Connected:
        setState(waitedLongEnough ? State::Offline : State::Reconnecting);
        break;
    case State::Connecting: {
        // Refused, unreachable, unknown host or a bad certificate on first
        // contact: nobody is there to wait for. A timeout or a 5xx may pass.
        const bool nobodyThere =
            error.kind == ApiError::Kind::Network || error.kind == ApiError::Kind::Tls;
        if (nobodyThere || waitedLongEnough)
            setState(State::Offline);
        break;
    }
    case State::Reconnecting:
        if (waitedLongEnough)
            setState(State::Offline);
        break;
    case State::Offline:
        break;
    }
}

void Session::restoreLastUpdate(const QDateTime &savedAt)
{
    if (savedAt.isValid() && (!m_lastUpdate.isValid() || savedAt > m_lastUpdate))
        setLastUpdate(savedAt);
}

QString Session::statusText(const QDateTime &now) const
{
    switch (m_state) {
    case State::Connected:
        return tr("Connected");
    case State::Reconnecting:
        return tr("Reconnecting…");
    case State::Connecting:
        if (m_lastUpdate.isValid())
            return tr("Connecting — showing data from %1").arg(describeAge(m_lastUpdate, now));
        return tr("Connecting…");
    case State::Offline:
        if (keyRefused())
            return tr("Offline — the API key was refused");
        if (m_lastUpdate.isValid())
            return tr("Offline — showing data from %1").arg(describeAge(m_lastUpdate, now));
        return tr("Offline — no data yet");
    }
    return {};
}

QString Session::describeAge(const QDateTime &then, const QDateTime &now)
{
    const qint64 seconds = then.secsTo(now);
    if (seconds < 60)
        return tr("just now");
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min ago").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return tr("%1 h ago").arg(hours);
    const qint64 days = hours / 24;
    if (days == 1)
        return tr("1 day ago");
    return tr("%1 days ago").arg(days);
}

void Session::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Session::setLastUpdate(const QDateTime &at)
{
    if (at == m_lastUpdate)
        return;
    m_lastUpdate = at;
    Q_EMIT lastUpdateChanged();
}

void Session::startOver()
{
    m_failingSince = QDateTime();
    m_lastError.reset();
    setState(State::Connecting);
}

QCoro::Task<void> fetchKeyRole(ApiClient &api, Session &session)
{
    QPointer<Session> guard(&session);
    const QString key = session.apiKey();
    const QString server = session.serverKey();
    if (key.isEmpty())
        co_return;
    const ApiResult<KeyInfo> answer = co_await api.keySelf();
    if (!guard || guard->apiKey() != key || guard->serverKey() != server)
        co_return;
    if (answer) {
        guard->setRole(answer->role);
    } else if (answer.error().isUnauthorised()) {
        guard->markFailure(answer.error(), QDateTime::currentDateTimeUtc());
    }
}

} // namespace waddle::client
