#include "pixelblend.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace waddle::ui {

// Two channels at a time.
quint32 sourceOver(quint32 source, quint32 destination)
{
    const quint32 inverse = 255U - (source >> 24);
    quint32 redBlue = (destination & 0x00ff00ffU) * inverse;
    redBlue = ((redBlue + ((redBlue >> 8) & 0x00ff00ffU) + 0x00800080U) >> 8) & 0x00ff00ffU;
    quint32 alphaGreen = ((destination >> 8) & 0x00ff00ffU) * inverse;
    alphaGreen = (alphaGreen + ((alphaGreen >> 8) & 0x00ff00ffU) + 0x00800080U) & 0xff00ff00U;
    return source + (redBlue | alphaGreen);
}

// The SSE2 path is the same arithmetic as sourceOver() in 16-bit lanes;
// x × 255 / 255 = x, so a transparent source pixel changes nothing.
void blendRow(const quint32 *source, quint32 *target, int count)
{
    int i = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    const __m128i half = _mm_set1_epi16(0x80);
    const __m128i full = _mm_set1_epi16(0xff);
    const auto scaled = [&](__m128i pixels, __m128i inverse) {
        __m128i t = _mm_add_epi16(_mm_mullo_epi16(pixels, inverse), half);
        return _mm_srli_epi16(_mm_add_epi16(t, _mm_srli_epi16(t, 8)), 8);
    };
    for (; i + 4 <= count; i += 4) {
        const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i *>(source + i));
        const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i *>(target + i));
        // 255 − α of each source pixel, in all four 16-bit lanes of it.
        const __m128i alphaLow = _mm_unpacklo_epi8(s, zero);
        const __m128i alphaHigh = _mm_unpackhi_epi8(s, zero);
        const __m128i inverseLow =
            _mm_sub_epi16(full, _mm_shufflehi_epi16(_mm_shufflelo_epi16(alphaLow, 0xff), 0xff));
        const __m128i inverseHigh =
            _mm_sub_epi16(full, _mm_shufflehi_epi16(_mm_shufflelo_epi16(alphaHigh, 0xff), 0xff));
        const __m128i low = scaled(_mm_unpacklo_epi8(d, zero), inverseLow);
        const __m128i high = scaled(_mm_unpackhi_epi8(d, zero), inverseHigh);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(target + i),
                         _mm_add_epi8(s, _mm_packus_epi16(low, high)));
    }
#endif
    for (; i < count; ++i) {
        if (source[i] != 0)
            target[i] = sourceOver(source[i], target[i]);
    }
}

} // namespace waddle::ui
