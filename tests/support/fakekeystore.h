#pragma once

// A KeyStore for tests (issue 13): a keychain that answers, or one that is
// not there (as under offscreen/CI without a Secret Service), or one that
// refuses to write. It answers on the next turn of the event loop, like the
// real one, and keeps what it was given in memory.

#include "client/keystore.h"
#include "client/session.h"

#include <QHash>
#include <QTimer>

namespace waddle::test {

class FakeKeyStore final : public client::KeyStore
{
public:
    enum class Mode
    {
        Answers,
        NoKeychain,
        RefusesWrites
    };

    explicit FakeKeyStore(Mode mode = Mode::Answers)
        : m_mode(mode)
    {}

    QHash<QString, QString> keys; // serverKey() → API key
    int writes = 0;
    int reads = 0;

    void readKey(const QUrl &server, Done done) override
    {
        ++reads;
        Answer answer = none();
        if (m_mode != Mode::NoKeychain) {
            const auto found = keys.constFind(client::serverKey(server));
            answer.status = found == keys.cend() ? Status::NotFound : Status::Ok;
            answer.key = found == keys.cend() ? QString() : *found;
            answer.message.clear();
        }
        later(std::move(done), answer);
    }

    void writeKey(const QUrl &server, const QString &key, Done done) override
    {
        ++writes;
        Answer answer = none();
        if (m_mode == Mode::RefusesWrites) {
            answer = {Status::Failed, {}, QStringLiteral("access denied")};
        } else if (m_mode == Mode::Answers) {
            keys.insert(client::serverKey(server), key);
            answer = {Status::Ok, {}, {}};
        }
        later(std::move(done), answer);
    }

    void deleteKey(const QUrl &server, Done done) override
    {
        Answer answer = none();
        if (m_mode != Mode::NoKeychain) {
            answer.status =
                keys.remove(client::serverKey(server)) > 0 ? Status::Ok : Status::NotFound;
            answer.message.clear();
        }
        later(std::move(done), answer);
    }

private:
    static Answer none()
    {
        return {Status::Unavailable,
                {},
                QStringLiteral("The name org.freedesktop.secrets was not provided")};
    }

    void later(Done done, const Answer &answer)
    {
        QTimer::singleShot(0, this, [done = std::move(done), answer] { done(answer); });
    }

    Mode m_mode;
};

} // namespace waddle::test
