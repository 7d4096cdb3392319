#include "keyscommand.h"

#include "controlplane/controlplane.h"
#include "controlplane/store/apikeyrepository.h"
#include "controlplane/store/database.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

using namespace waddle;
using namespace waddle::cp;

int runKeysCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Manage API keys in a control plane's store.\n"
                       "  keys create --name NAME --role viewer|analyst|owner|operator|admin "
                       "[--waddle ID]... [--expires ISO8601]\n"
                       "  keys list\n"
                       "  keys revoke ID"));
    parser.addHelpOption();
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Folder of the store (default: %1).")
            .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
        QStringLiteral("DIR"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Key name."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("Key role."),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption waddle(QStringLiteral("waddle"),
                                    QStringLiteral("A waddle an owner key may edit (repeat)."),
                                    QStringLiteral("ID"));
    const QCommandLineOption expires(
        QStringLiteral("expires"), QStringLiteral("Expiry, ISO 8601 UTC."), QStringLiteral("TIME"));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QStringLiteral("A PostgreSQL store's URL (default: WADDLE_DATABASE, else waddle.db in "
                       "--data-dir)."),
        QStringLiteral("URL"));
    parser.addOptions({dataDir, database, name, role, waddle, expires});
    parser.addPositionalArgument(QStringLiteral("keys"), QStringLiteral("keys"));
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("create, list or revoke"));
    if (!parser.parse(arguments)) {
        err << "waddle-regiond keys: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    const auto usage = [&err](const QString &why) {
        err << "waddle-regiond keys: " << why
            << "\n  usage: waddle-regiond keys create|list|revoke [--data-dir DIR | --database "
               "URL]\n";
        return 2;
    };
    if (action != QLatin1String("create") && action != QLatin1String("list") &&
        action != QLatin1String("revoke"))
        return usage(QStringLiteral("the action is create, list or revoke"));

    std::optional<Role> newRole;
    std::optional<QDateTime> expiry;
    if (action == QLatin1String("create")) {
        if (parser.value(name).trimmed().isEmpty())
            return usage(QStringLiteral("create needs --name"));
        newRole = roleFromString(parser.value(role));
        if (!newRole)
            return usage(QStringLiteral("--role is viewer, analyst, owner, operator or admin"));
        if ((*newRole == Role::Owner) == parser.values(waddle).isEmpty())
            return usage(QStringLiteral("an owner key needs --waddle, other roles take none"));
        if (parser.isSet(expires)) {
            expiry = QDateTime::fromString(parser.value(expires), Qt::ISODateWithMs);
            if (!expiry->isValid() || *expiry <= QDateTime::currentDateTimeUtc())
                return usage(QStringLiteral("--expires wants a future ISO 8601 time"));
        }
    }
    if (action == QLatin1String("revoke") && positional.size() != 3)
        return usage(QStringLiteral("revoke needs the key id"));

    const QString dir = parser.isSet(dataDir)
                            ? parser.value(dataDir)
                            : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!QDir().mkpath(dir)) {
        err << "waddle-regiond keys: cannot create " << dir << "\n";
        return 1;
    }
    cp::ControlPlaneOptions where;
    where.dataDir = dir;
    where.database =
        parser.isSet(database) ? parser.value(database) : qEnvironmentVariable("WADDLE_DATABASE");
    auto store = Database::open(cp::ControlPlane::storeLocation(where));
    if (!store) {
        err << "waddle-regiond keys: " << store.error().message << "\n";
        return 1;
    }
    ApiKeyRepository keys(*store.value());

    if (action == QLatin1String("create")) {
        auto created = keys.createApiKey(parser.value(name).trimmed(), *newRole,
                                         parser.values(waddle), expiry);
        if (!created) {
            err << "waddle-regiond keys: " << created.error().message << "\n";
            return 1;
        }
        out << "id: " << created->key.id << "\nsecret: " << created->secret
            << "\n(the secret is shown only now)\n";
        return 0;
    }
    if (action == QLatin1String("list")) {
        auto list = keys.apiKeys();
        if (!list) {
            err << "waddle-regiond keys: " << list.error().message << "\n";
            return 1;
        }
        const auto time = [](const std::optional<QDateTime> &t) {
            return t ? t->toString(Qt::ISODate) : QStringLiteral("-");
        };
        for (const ApiKey &key : list.value()) {
            out << key.id << "\t" << key.name << "\t" << toString(key.role) << "\t"
                << (key.revoked ? "revoked" : "active") << "\texpires " << time(key.expiresAt)
                << "\tlast used " << time(key.lastUsedAt) << "\t"
                << key.waddleIds.join(QLatin1Char(',')) << "\n";
        }
        return 0;
    }
    if (auto revoked = keys.revokeApiKey(positional.at(2)); !revoked) {
        err << "waddle-regiond keys: " << revoked.error().message << "\n";
        return 1;
    }
    out << "revoked " << positional.at(2) << "\n";
    return 0;
}
