#pragma once

#include <QLatin1String>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace waddle::domain {

// One place per enum that says how it is spelt on the wire; both directions
// of every codec read the same table, so they cannot drift apart.
template <typename E>
struct EnumName
{
    E value;
    QLatin1String name;
};

template <typename E, std::size_t N>
QString enumToName(const std::array<EnumName<E>, N> &table, E value)
{
    for (const auto &entry : table) {
        if (entry.value == value)
            return QString(entry.name);
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> enumFromName(const std::array<EnumName<E>, N> &table, QStringView name)
{
    for (const auto &entry : table) {
        if (name == entry.name)
            return entry.value;
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
QStringList enumNames(const std::array<EnumName<E>, N> &table)
{
    QStringList names;
    for (const auto &entry : table)
        names.append(QString(entry.name));
    return names;
}

} // namespace waddle::domain
