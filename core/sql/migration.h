#pragma once

#include <QString>
#include <QStringList>

namespace waddle::sql {

// One step of a schema. Steps are applied in order, each in its own
// transaction, and recorded in the database's schema_version table; a step
// once released is never edited, only followed by a new one. The statements
// are in the dialect of the database they are given to.
struct Migration
{
    int version = 0;
    QString description;
    QStringList statements;
};

} // namespace waddle::sql
