#include "role.h"

namespace waddle::domain {

QString toString(Role role)
{
    return enumToName(kRoleNames, role);
}

QString withArticle(Role role)
{
    const QString name = toString(role);
    const bool vowel = QStringView(u"aeiou").contains(name.front());
    return (vowel ? QStringLiteral("an ") : QStringLiteral("a ")) + name;
}

std::optional<Role> roleFromString(QStringView name)
{
    return enumFromName(kRoleNames, name);
}

bool roleAtLeast(Role have, Role need)
{
    return static_cast<int>(have) >= static_cast<int>(need);
}

QString toString(Action action)
{
    return enumToName(kActionNames, action);
}

std::optional<Action> actionFromString(QStringView name)
{
    return enumFromName(kActionNames, name);
}

Role requiredRole(Action action)
{
    switch (action) {
    case Action::EditCustomMetrics:
    case Action::EditAlertRules:
    case Action::AcknowledgeTrigger:
    case Action::ExportAnalytics:
        return Role::Analyst;
    case Action::MigrateWaddles:
    case Action::CancelMigration:
    case Action::ChangeVoiceRegion:
        return Role::Owner;
    case Action::Failover:
    case Action::FailBack:
    case Action::DrainRegion:
    case Action::OptimiseFleet:
    case Action::ManageRegions:
    case Action::AcknowledgeAlert:
        return Role::Operator;
    case Action::ManageKeys:
        return Role::Admin;
    }
    return Role::Admin;
}

bool permitted(Role role, Action action)
{
    return roleAtLeast(role, requiredRole(action));
}

} // namespace waddle::domain
