#pragma once

#include <QPalette>

namespace waddle::ui {

// Light and dark palettes for the whole application (Fusion style, so both
// look the same on every platform). Status colours come from statusstyle.h
// and work on both.
void applyTheme(bool dark);

// Whether `palette` draws on a dark background (its Base is dark): what the
// charts and maps choose their own colours by.
inline bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace waddle::ui
