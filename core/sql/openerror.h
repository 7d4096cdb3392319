#pragma once

#include <QString>

namespace waddle::sql {

// Why openDatabase or migrate stopped. Nothing is written to a database
// before it is known to be the owner's and not newer than this build, so
// after NotOurs the file is exactly as it was.
struct OpenError
{
    enum class Kind
    {
        Unsupported, // no driver for the location (or an engine not built yet)
        CannotOpen,  // the location cannot be opened (no folder, no access)
        NotOurs,     // not a database, another program's, newer, or damaged
        Failed       // the database failed while setting up or migrating
    };

    Kind kind = Kind::Failed;
    QString message;
    // NotOurs because SQLite found the file corrupt (quick_check, or
    // "malformed" on a first read): an owner may say "restore a backup".
    bool damaged = false;

    friend bool operator==(const OpenError &, const OpenError &) = default;
};

} // namespace waddle::sql
