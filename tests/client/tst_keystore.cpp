// Issue 13: the system keychain through QtKeychain. Wherever this runs it
// must answer — with a key, "not found", or (offscreen/CI, no Secret Service
// on D-Bus) "unavailable" with the reason — and never hang: a keychain that
// does not answer in time counts as unavailable.
#include "client/keystore.h"
#include "client/session.h"

#include <QElapsedTimer>
#include <QMetaEnum>
#include <QTest>

using namespace waddle::client;
using namespace Qt::StringLiterals;

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersOrSaysWhyNot();
    void answerStatusesMeanWhatTheySay_data();
    void answerStatusesMeanWhatTheySay();
};

void TestKeyStore::answersOrSaysWhyNot()
{
    SystemKeyStore store(nullptr, std::chrono::milliseconds(3000));
    std::optional<KeyStore::Answer> answer;
    QElapsedTimer clock;
    clock.start();
    store.readKey(QUrl(u"https://tst-keystore.invalid:9"_s),
                  [&answer](const KeyStore::Answer &a) { answer = a; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 6000);
    qInfo("keychain answered %s in %lld ms (%s)",
          QMetaEnum::fromType<KeyStore::Status>().valueToKey(int(answer->status)), clock.elapsed(),
          qPrintable(answer->message));
    // Nothing was ever stored under this made-up server.
    QVERIFY(answer->status != KeyStore::Status::Ok);
    if (answer->status == KeyStore::Status::Unavailable)
        QVERIFY(!answer->message.isEmpty());
    // Exactly one answer, even once the timeout has passed.
    int calls = 0;
    store.readKey(QUrl(u"https://tst-keystore.invalid:9"_s),
                  [&calls](const KeyStore::Answer &) { ++calls; });
    QTRY_VERIFY_WITH_TIMEOUT(calls == 1, 6000);
    QTest::qWait(3200);
    QCOMPARE(calls, 1);
}

void TestKeyStore::answerStatusesMeanWhatTheySay_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("answered");
    QTest::newRow("ok") << int(KeyStore::Status::Ok) << true;
    QTest::newRow("not found") << int(KeyStore::Status::NotFound) << true;
    QTest::newRow("unavailable") << int(KeyStore::Status::Unavailable) << false;
    QTest::newRow("failed") << int(KeyStore::Status::Failed) << false;
}

void TestKeyStore::answerStatusesMeanWhatTheySay()
{
    QFETCH(int, status);
    QFETCH(bool, answered);
    const KeyStore::Answer answer{static_cast<KeyStore::Status>(status), {}, {}};
    QCOMPARE(answer.keychainAnswered(), answered);
}

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
