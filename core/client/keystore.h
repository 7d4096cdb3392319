#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>

namespace waddle::client {

// Where the console keeps API keys between runs (SPEC §13, issue 13): the
// system keychain, one entry per server (service "waddle-regions", key =
// the server's normalised URL, serverKey()). Calls are asynchronous and
// each ends with exactly one call of `done`, on this object's thread.
//
// An interface, so tests inject a store that answers or one that has no
// keychain; the screens never see QtKeychain itself.
class KeyStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyStore)

public:
    enum class Status
    {
        Ok,          // done (read: `key` holds the key)
        NotFound,    // read or delete: the keychain has no key for this server
        Unavailable, // no keychain answered (no Secret Service on D-Bus, …)
        Failed,      // the keychain answered but refused (access denied, …)
    };
    Q_ENUM(Status)

    struct Answer
    {
        Status status = Status::Unavailable;
        QString key;     // read only
        QString message; // what went wrong, in the keychain's words
        // The keychain answered (whatever it said): keys may be kept there.
        [[nodiscard]] bool keychainAnswered() const
        {
            return status == Status::Ok || status == Status::NotFound;
        }
    };
    using Done = std::function<void(const Answer &)>;

    explicit KeyStore(QObject *parent = nullptr);
    ~KeyStore() override;

    virtual void readKey(const QUrl &server, Done done) = 0;
    virtual void writeKey(const QUrl &server, const QString &key, Done done) = 0;
    virtual void deleteKey(const QUrl &server, Done done) = 0;
};

// The system keychain through QtKeychain. A call no keychain answers within
// `timeout` (a D-Bus that never replies) ends as Unavailable.
class SystemKeyStore final : public KeyStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemKeyStore)

public:
    static constexpr std::chrono::milliseconds kDefaultTimeout{5000};
    static constexpr auto kService = "waddle-regions";

    explicit SystemKeyStore(QObject *parent = nullptr,
                            std::chrono::milliseconds timeout = kDefaultTimeout);
    ~SystemKeyStore() override;

    void readKey(const QUrl &server, Done done) override;
    void writeKey(const QUrl &server, const QString &key, Done done) override;
    void deleteKey(const QUrl &server, Done done) override;

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace waddle::client
