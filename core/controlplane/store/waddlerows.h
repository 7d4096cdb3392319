#pragma once

#include "domain/waddle.h"

#include <QSqlQuery>
#include <QString>

// How a waddle row reads, for every repository whose transaction changes a
// waddle (the waddle repository itself, failover moves, migrations): one
// column list and one reader, so the row cannot be read two ways.
namespace waddle::cp::store {

// The columns, in the order waddleFrom reads them.
QString waddleColumns();
domain::Waddle waddleFrom(const QSqlQuery &query);

} // namespace waddle::cp::store
