#include "storefixtures.h"

class TestApiKeyRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roles();
    void expiryLastUseAndList();
    void secretsAndHashes();
    void apiKeyCreateAndFind();
    void apiKeyUnknownOrRevoked();
    void onlyTheHashIsStored();
    void ensureApiKeyIsIdempotent();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestApiKeyRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestApiKeyRepository::roles()
{
    QVERIFY(roleAtLeast(Role::Admin, Role::Operator));
    QVERIFY(roleAtLeast(Role::Operator, Role::Operator));
    QVERIFY(roleAtLeast(Role::Owner, Role::Viewer));
    QVERIFY(!roleAtLeast(Role::Owner, Role::Operator));
    QVERIFY(!roleAtLeast(Role::Viewer, Role::Owner));
    for (Role role : {Role::Viewer, Role::Owner, Role::Operator, Role::Admin})
        QVERIFY(roleFromString(toString(role)) == role);
    QCOMPARE(toString(Role::Operator), QStringLiteral("operator"));
    QVERIFY(!roleFromString(u"root").has_value());

    ApiKey key;
    key.waddleIds = {QStringLiteral("w1")};
    key.role = Role::Viewer;
    QVERIFY(!key.mayEditWaddle(QStringLiteral("w1")));
    key.role = Role::Owner;
    QVERIFY(key.mayEditWaddle(QStringLiteral("w1")));
    QVERIFY(!key.mayEditWaddle(QStringLiteral("w2")));
    key.role = Role::Operator;
    QVERIFY(key.mayEditWaddle(QStringLiteral("w2")));
    key.role = Role::Admin;
    QVERIFY(key.mayEditWaddle(QStringLiteral("w2")));

    // Analysts read every project and move no waddle; owners see only their
    // waddles' projects (issue 12).
    QVERIFY(roleAtLeast(Role::Analyst, Role::Viewer));
    QVERIFY(!roleAtLeast(Role::Analyst, Role::Owner));
    QVERIFY(roleAtLeast(Role::Owner, Role::Analyst));
    QVERIFY(roleFromString(u"analyst") == Role::Analyst);
    key.role = Role::Analyst;
    QVERIFY(!key.mayEditWaddle(QStringLiteral("w1")));
    QVERIFY(key.maySeeProject(QStringLiteral("fleet")));
    QVERIFY(key.maySeeProject(QStringLiteral("w2")));
    key.role = Role::Owner;
    QVERIFY(key.maySeeProject(QStringLiteral("w1")));
    QVERIFY(!key.maySeeProject(QStringLiteral("w2")));
    QVERIFY(!key.maySeeProject(QStringLiteral("fleet")));
}

void TestApiKeyRepository::expiryLastUseAndList()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QDateTime t0(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC);
    auto created =
        store->keys.createApiKey(QStringLiteral("temp"), Role::Analyst, {}, t0.addSecs(3600));
    CHECK_OK(created);
    QVERIFY(created->secret.startsWith(QStringLiteral("wrk_")));
    QVERIFY(created->key.expiresAt == t0.addSecs(3600));
    // Good until its expiry, not at it.
    CHECK_OK(store->keys.findApiKey(created->secret, t0.addSecs(3599)));
    QCOMPARE(failureKind(store->keys.findApiKey(created->secret, t0.addSecs(3600))),
             QStringLiteral("NotFound"));

    // Last use: written, then not again within the minute, then again.
    CHECK_OK(store->keys.markApiKeyUsed(created->key.id, t0));
    CHECK_OK(store->keys.markApiKeyUsed(created->key.id, t0.addSecs(30)));
    auto found = store->keys.findApiKey(created->secret, t0);
    CHECK_OK(found);
    QVERIFY(found->lastUsedAt == t0);
    CHECK_OK(store->keys.markApiKeyUsed(created->key.id, t0.addSecs(61)));
    QVERIFY(store->keys.findApiKey(created->secret, t0)->lastUsedAt == t0.addSecs(61));

    // The list holds revoked keys too, marked, and no secret.
    auto other = store->keys.createApiKey(QStringLiteral("gone"), Role::Viewer, {});
    CHECK_OK(other);
    const QString otherId = store->keys.findApiKey(other.value())->id;
    CHECK_OK(store->keys.revokeApiKey(otherId));
    auto keys = store->keys.apiKeys();
    CHECK_OK(keys);
    QCOMPARE(keys->size(), 2);
    for (const ApiKey &key : keys.value()) {
        QCOMPARE(key.revoked, key.id == otherId);
        QVERIFY(key.expiresAt.has_value() == (key.id == created->key.id));
    }
    QCOMPARE(
        failureKind(store->keys.createApiKey(QStringLiteral("bad"), Role::Viewer, {}, QDateTime())),
        QStringLiteral("Invalid"));
}

void TestApiKeyRepository::secretsAndHashes()
{
    const QString a = generateApiKeySecret();
    const QString b = generateApiKeySecret();
    QVERIFY(a != b);
    QVERIFY(a.startsWith(QStringLiteral("wrk_")));
    QCOMPARE(a.size(), 4 + 43); // 32 bytes, base64 without padding
    for (QChar c : a.mid(4))
        QVERIFY(c.isLetterOrNumber() || c == u'-' || c == u'_');
    QCOMPARE(QByteArray::fromBase64(a.mid(4).toLatin1(), QByteArray::Base64UrlEncoding).size(), 32);
    // FIPS 180-2 test vector.
    QCOMPARE(hashApiKey(QStringLiteral("abc")),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestApiKeyRepository::apiKeyCreateAndFind()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    auto secret = store->keys.createApiKey(QStringLiteral("alice"), Role::Owner,
                                           {QStringLiteral("w1"), QStringLiteral("w2")});
    CHECK_OK(secret);
    QVERIFY(secret->startsWith(QStringLiteral("wrk_")));
    auto key = store->keys.findApiKey(secret.value());
    CHECK_OK(key);
    QCOMPARE(key->name, QStringLiteral("alice"));
    QCOMPARE(toString(key->role), QStringLiteral("owner"));
    QCOMPARE(key->waddleIds, (QStringList{QStringLiteral("w1"), QStringLiteral("w2")}));
    QVERIFY(!key->revoked);
    QVERIFY(!key->id.isEmpty());
    QVERIFY(key->createdAt >= before);
    QVERIFY(key->mayEditWaddle(QStringLiteral("w2")));
    QVERIFY(!key->mayEditWaddle(QStringLiteral("w3")));
    QCOMPARE(store->keys.apiKeyCount().value(), 1);

    QCOMPARE(failureKind(store->keys.createApiKey(QStringLiteral("  "), Role::Viewer, {})),
             QStringLiteral("Invalid"));
}

void TestApiKeyRepository::apiKeyUnknownOrRevoked()
{
    auto store = memoryStore();
    QVERIFY(store);
    QCOMPARE(failureKind(store->keys.findApiKey(QStringLiteral("wrk_nothing"))),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->keys.findApiKey(QString())), QStringLiteral("NotFound"));

    auto secret = store->keys.createApiKey(QStringLiteral("bob"), Role::Admin, {});
    CHECK_OK(secret);
    const QString id = store->keys.findApiKey(secret.value())->id;
    CHECK_OK(store->keys.revokeApiKey(id));
    QCOMPARE(failureKind(store->keys.findApiKey(secret.value())), QStringLiteral("NotFound"));
    QCOMPARE(store->keys.apiKeyCount().value(), 0);
    QCOMPARE(failureKind(store->keys.revokeApiKey(QStringLiteral("no-such-id"))),
             QStringLiteral("NotFound"));
}

void TestApiKeyRepository::onlyTheHashIsStored()
{
    const QString path = m_dir->filePath(QStringLiteral("keys.db"));
    QString secret;
    {
        auto store = openOrFail(path);
        QVERIFY(store);
        auto created = store->keys.createApiKey(QStringLiteral("carol"), Role::Viewer, {});
        CHECK_OK(created);
        secret = created.value();
    }
    RawDatabase raw(path);
    QCOMPARE(raw.value(QStringLiteral("SELECT key_hash FROM api_keys")).toString(),
             QString::fromLatin1(hashApiKey(secret)));
    const QVariantList rows = raw.column(
        QStringLiteral("SELECT id || '|' || name || '|' || key_hash || '|' || role || '|' || "
                       "waddle_ids || '|' || created_at FROM api_keys"));
    QCOMPARE(rows.size(), 1);
    QVERIFY(!rows.at(0).toString().contains(secret));
    QVERIFY(!rows.at(0).toString().contains(secret.mid(4)));
    QVERIFY(!fileBytes(path).contains(secret.mid(4).toLatin1()));
}

void TestApiKeyRepository::ensureApiKeyIsIdempotent()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QString secret = QStringLiteral("admin-secret-from-the-environment");
    CHECK_OK(store->keys.ensureApiKey(secret, QStringLiteral("environment"), Role::Admin));
    const ApiKey first = store->keys.findApiKey(secret).value();
    CHECK_OK(store->keys.ensureApiKey(secret, QStringLiteral("environment"), Role::Admin));
    QCOMPARE(store->keys.apiKeyCount().value(), 1);
    QVERIFY(store->keys.findApiKey(secret).value() == first);

    // A changed role in the configuration is applied to the same key.
    CHECK_OK(store->keys.ensureApiKey(secret, QStringLiteral("environment"), Role::Operator));
    QCOMPARE(store->keys.apiKeyCount().value(), 1);
    QCOMPARE(toString(store->keys.findApiKey(secret)->role), QStringLiteral("operator"));
    QCOMPARE(store->keys.findApiKey(secret)->id, first.id);

    // A revocation is not undone by the next start.
    CHECK_OK(store->keys.revokeApiKey(first.id));
    CHECK_OK(store->keys.ensureApiKey(secret, QStringLiteral("environment"), Role::Admin));
    QCOMPARE(failureKind(store->keys.findApiKey(secret)), QStringLiteral("NotFound"));

    QCOMPARE(failureKind(store->keys.ensureApiKey(QString(), QStringLiteral("x"), Role::Admin)),
             QStringLiteral("Invalid"));
}

QTEST_GUILESS_MAIN(TestApiKeyRepository)
#include "tst_apikeyrepository.moc"
