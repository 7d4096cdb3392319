// SPEC §12: "Authorization: Bearer <API key>", read the same way for HTTP
// requests and the event stream.
#include "controlplane/api/bearer.h"

#include <QTest>

using namespace waddle::cp;
using namespace Qt::StringLiterals;

class TestBearer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secret_data();
    void secret();
};

void TestBearer::secret_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("isBearer");
    QTest::addColumn<QString>("secret");
    QTest::newRow("bearer") << QByteArray("Bearer wrk_abc") << true << u"wrk_abc"_s;
    QTest::newRow("trailing space") << QByteArray("Bearer wrk_abc  ") << true << u"wrk_abc"_s;
    QTest::newRow("empty secret") << QByteArray("Bearer ") << true << QString();
    QTest::newRow("basic") << QByteArray("Basic dXNlcjpwdw==") << false << QString();
    // The scheme is case-insensitive (RFC 9110 §11.1; issue 15 finding 8).
    QTest::newRow("lower-case scheme") << QByteArray("bearer wrk_abc") << true << u"wrk_abc"_s;
    QTest::newRow("upper-case scheme") << QByteArray("BEARER wrk_abc") << true << u"wrk_abc"_s;
    QTest::newRow("other scheme, same length")
        << QByteArray("Bearex wrk_abc") << false << QString();
    QTest::newRow("no space") << QByteArray("Bearerwrk_abc") << false << QString();
    QTest::newRow("empty") << QByteArray() << false << QString();
}

void TestBearer::secret()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, isBearer);
    QFETCH(QString, secret);
    const std::optional<QString> got = bearerSecret(header);
    QCOMPARE(got.has_value(), isBearer);
    if (got)
        QCOMPARE(*got, secret);
}

QTEST_GUILESS_MAIN(TestBearer)
#include "tst_bearer.moc"
