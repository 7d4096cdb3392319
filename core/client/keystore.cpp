#include "keystore.h"

#include "session.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>
#include <utility>

namespace waddle::client {

KeyStore::KeyStore(QObject *parent)
    : QObject(parent)
{}

KeyStore::~KeyStore() = default;

namespace {

KeyStore::Answer answerOf(const QKeychain::Job &job)
{
    KeyStore::Answer answer;
    answer.message = job.errorString();
    switch (job.error()) {
    case QKeychain::NoError:
        answer.status = KeyStore::Status::Ok;
        answer.message.clear();
        break;
    case QKeychain::EntryNotFound:
        answer.status = KeyStore::Status::NotFound;
        break;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
    case QKeychain::CouldNotDeleteEntry:
        answer.status = KeyStore::Status::Failed;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // Under a session without a Secret Service (offscreen, CI) the
        // D-Bus call fails with "OtherError": no keychain answered.
        answer.status = KeyStore::Status::Unavailable;
        break;
    }
    return answer;
}

// Runs `job` and calls `done` once: with the job's answer, or Unavailable
// when nothing answered in time (the job is then left to finish unheard).
void run(QKeychain::Job *job, std::chrono::milliseconds timeout, QObject *context,
         const KeyStore::Done &done,
         const std::function<void(QKeychain::Job *, KeyStore::Answer &)> &read = {})
{
    auto called = std::make_shared<bool>(false);
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, context, [called, done, timeout] {
        if (std::exchange(*called, true))
            return;
        done({KeyStore::Status::Unavailable,
              {},
              KeyStore::tr("the system keychain did not answer within %1 s")
                  .arg(std::chrono::duration_cast<std::chrono::seconds>(timeout).count())});
    });
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [called, done, read](QKeychain::Job *finished) {
                         if (std::exchange(*called, true))
                             return;
                         KeyStore::Answer answer = answerOf(*finished);
                         if (read && answer.status == KeyStore::Status::Ok)
                             read(finished, answer);
                         done(answer);
                     });
    job->setAutoDelete(true);
    // Never the plain-text QSettings fallback of QtKeychain: storing in
    // plain text is the user's explicit choice, made in the Connect dialog.
    job->setInsecureFallback(false);
    timer->start(timeout);
    job->start();
}

} // namespace

SystemKeyStore::SystemKeyStore(QObject *parent, std::chrono::milliseconds timeout)
    : KeyStore(parent)
    , m_timeout(timeout)
{}

SystemKeyStore::~SystemKeyStore() = default;

void SystemKeyStore::readKey(const QUrl &server, Done done)
{
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService));
    job->setKey(serverKey(server));
    run(job, m_timeout, this, done, [](QKeychain::Job *finished, Answer &answer) {
        answer.key = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
    });
}

void SystemKeyStore::writeKey(const QUrl &server, const QString &key, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService));
    job->setKey(serverKey(server));
    job->setTextData(key);
    run(job, m_timeout, this, done);
}

void SystemKeyStore::deleteKey(const QUrl &server, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kService));
    job->setKey(serverKey(server));
    run(job, m_timeout, this, done);
}

} // namespace waddle::client
