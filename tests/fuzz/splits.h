#pragma once

// Shared by the stream-parser fuzz targets: the oracle that a parser fed a
// byte stream in pieces reaches the same answers as one fed it whole.

#include <QByteArray>
#include <QList>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace waddle::fuzz {

// The input's first byte seeds where the rest is cut: a small xorshift
// walk, pieces of 1 to 64 bytes. Returns the pieces of data[1..].
inline QList<QByteArray> pieces(const std::uint8_t *data, std::size_t size)
{
    QList<QByteArray> out;
    if (size == 0)
        return out;
    std::uint32_t state = 0x9e3779b9U ^ data[0];
    std::size_t at = 1;
    while (at < size) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        const std::size_t length = std::min<std::size_t>(1 + state % 64, size - at);
        out.append(QByteArray(reinterpret_cast<const char *>(data + at), qsizetype(length)));
        at += length;
    }
    return out;
}

inline QByteArray joined(const QList<QByteArray> &pieces)
{
    QByteArray whole;
    for (const QByteArray &piece : pieces)
        whole += piece;
    return whole;
}

[[noreturn]] inline void oracleFailed(const char *what)
{
    std::fprintf(stderr, "oracle: %s\n", what);
    std::abort();
}

// Runs `read` over the input's pieces and over the same bytes whole, and
// stops the run with both answers (`describe` → text) when they differ.
// Returns the answer of the whole read.
template <typename Read, typename Describe>
auto sameInPiecesAndWhole(const std::uint8_t *data, std::size_t size, Read read, Describe describe)
{
    const QList<QByteArray> cut = pieces(data, size);
    const auto split = read(cut);
    auto once = read(QList<QByteArray>{joined(cut)});
    if (!(split == once)) {
        std::fprintf(stderr, "in pieces: %s\nwhole: %s\n", describe(split).constData(),
                     describe(once).constData());
        oracleFailed("pieces and whole disagree");
    }
    return once;
}

} // namespace waddle::fuzz
