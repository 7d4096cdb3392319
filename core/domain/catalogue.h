#pragma once

#include "domain/region.h"
#include "domain/result.h"

#include <QByteArray>
#include <QList>

namespace waddle::domain {

// A region catalogue is data (SPEC §3): a JSON document
// {"format": "waddle-region-catalogue", "version": 1, "regions": [...]}
// with each region in our JSON shape. Loading checks the whole set: at least
// one region, unique codes, and failover lists that name regions of the same
// catalogue.
Result<QList<Region>> parseCatalogue(const QByteArray &json);

// The built-in catalogue (resources/regions/default-catalogue.json): seed
// 000's six regions with their exact coordinates.
QList<Region> defaultCatalogue();

// Where the built-in catalogue lives in the Qt resource system.
QString defaultCataloguePath();

QByteArray catalogueToJson(const QList<Region> &regions);

} // namespace waddle::domain
