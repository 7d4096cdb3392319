#pragma once

namespace waddle::ui {

// Light and dark palettes for the whole application (Fusion style, so both
// look the same on every platform). Status colours come from statusstyle.h
// and work on both.
void applyTheme(bool dark);

} // namespace waddle::ui
