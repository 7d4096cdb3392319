#pragma once

#include <QtGlobal>

namespace waddle::ui {

// Premultiplied ARGB32 source-over, d = s + d × (255 − αs) / 255 per
// channel, rounded as Qt's raster engine rounds (tests/ui/tst_pixelblend
// checks it against QPainter). For layers that blend many small sprites
// themselves instead of a QPainter call per sprite (MemberLayer).
quint32 sourceOver(quint32 source, quint32 destination);

// `count` pixels of `source` over `target`. With SSE2 (every x86-64 CPU)
// four pixels at a time, else one at a time; a transparent source pixel
// leaves its target exactly as it was.
void blendRow(const quint32 *source, quint32 *target, int count);

} // namespace waddle::ui
