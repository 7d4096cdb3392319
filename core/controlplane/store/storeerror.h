#pragma once

#include "domain/result.h"

#include <QString>

namespace waddle::cp {

// Why the store could not do what was asked. The HTTP layer maps the kind to
// a status: NotFound → 404, Conflict → 409, Invalid → 400, Internal → 500.
struct StoreError
{
    enum class Kind
    {
        NotFound, // no such row (unknown region code, waddle id, API key …)
        Conflict, // a stale version, a duplicate id
        Invalid,  // bad input, or a file that is not (or not yet) our store
        Internal  // the database failed; the message says how
    };

    Kind kind = Kind::Internal;
    QString message;
    QString field; // the input at fault, when one is

    friend bool operator==(const StoreError &, const StoreError &) = default;
};

template <typename T>
using StoreResult = domain::Result<T, StoreError>;

} // namespace waddle::cp
