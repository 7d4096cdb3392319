#pragma once

#include <QStringView>

namespace waddle::domain {

// FNV-1a over UTF-16 code units: the same on every platform, run and
// process (qHash may be seeded or use the CPU's AES instructions). The
// demo's fixed choices and the names several control planes must agree on.
inline quint64 stableHash(QStringView text)
{
    quint64 hash = 14695981039346656037ULL;
    for (const QChar c : text) {
        hash ^= c.unicode();
        hash *= 1099511628211ULL;
    }
    return hash;
}

} // namespace waddle::domain
