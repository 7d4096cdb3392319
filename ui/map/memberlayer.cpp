#include "memberlayer.h"

#include "domain/cpustate.h"
#include "mapviewport.h"
#include "pixelblend.h"

#include <QPaintDevice>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace waddle::ui {

namespace {

// Density grid: cells of this many logical pixels, blurred by a Gaussian of
// σ = kSigmaCells cells, cut at kKernelRadius cells (4σ). A Gaussian is the
// one separable kernel that is round: repeated box blurs (what this was) have
// a square footprint, and the cube-root ramp below made clusters read as
// square blobs (issue 10).
constexpr int kCellPixels = 3;
constexpr double kSigmaCells = 3.0;
constexpr int kKernelRadius = 12;
// Below this share of the peak a cell is left transparent: the faint tails
// of the kernel fade to nothing instead of ending at its cut-off.
constexpr float kDensityFloor = 0.004F;
// Dots of one class closer than this many device pixels are stamped once.
constexpr int kStampCell = 2;

const std::array<float, 2 * kKernelRadius + 1> &gaussianKernel()
{
    static const auto kernel = [] {
        std::array<float, 2 * kKernelRadius + 1> k{};
        double sum = 0.0;
        for (int i = -kKernelRadius; i <= kKernelRadius; ++i) {
            const double v = std::exp(-0.5 * (i * i) / (kSigmaCells * kSigmaCells));
            k[std::size_t(i + kKernelRadius)] = float(v);
            sum += v;
        }
        for (float &v : k)
            v = float(v / sum);
        return k;
    }();
    return kernel;
}

void gaussianBlur(std::vector<float> &grid, int columns, int rows, bool horizontal)
{
    const auto &kernel = gaussianKernel();
    const int length = horizontal ? columns : rows;
    const int lines = horizontal ? rows : columns;
    std::vector<float> in(static_cast<std::size_t>(length));
    for (int l = 0; l < lines; ++l) {
        const auto at = [&](int i) -> float & {
            return horizontal ? grid[std::size_t(l) * columns + i]
                              : grid[std::size_t(i) * columns + l];
        };
        bool any = false;
        for (int i = 0; i < length; ++i) {
            in[std::size_t(i)] = at(i);
            any = any || in[std::size_t(i)] != 0.0F;
        }
        if (!any)
            continue; // most lines of a map are empty
        for (int i = 0; i < length; ++i) {
            const int from = std::max(0, i - kKernelRadius);
            const int to = std::min(length - 1, i + kKernelRadius);
            float sum = 0.0F;
            for (int j = from; j <= to; ++j)
                sum += in[std::size_t(j)] * kernel[std::size_t(j - i + kKernelRadius)];
            at(i) = sum;
        }
    }
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t),
                            float(a.alphaF() + (b.alphaF() - a.alphaF()) * t));
}

} // namespace

MemberLayer::MemberLayer()
{
    themeChanged();
}

int MemberLayer::sizeClass(qint64 members)
{
    if (members <= 1)
        return 0;
    if (members < 10)
        return 1;
    if (members < 100)
        return 2;
    if (members < 1000)
        return 3;
    return 4;
}

double MemberLayer::radius(int sizeClass)
{
    // Big enough to see and to hit at the whole-world zoom (issue 10).
    static constexpr std::array<double, kSizeClasses> kRadii{2.6, 3.1, 3.8, 4.7, 5.8};
    return kRadii[std::size_t(std::clamp(sizeClass, 0, kSizeClasses - 1))];
}

void MemberLayer::setGroups(const QList<domain::LocationGroup> &groups)
{
    m_groups = groups;
    m_projectedFor.reset();
    m_dots.clear();
    markChanged();
}

void MemberLayer::setDisplay(MemberDisplay display)
{
    if (display == m_display)
        return;
    m_display = display;
    markChanged();
}

void MemberLayer::themeChanged()
{
    m_spriteRatio = 0.0;
    // Density ramp: transparent → the member colour → a stronger shade of it
    // (darker on light land, lighter on dark land). Alpha starts at zero so
    // the edge of a cluster fades out instead of ending in a hard line.
    const QColor base = theme().member;
    const QColor strong = theme().dark ? QColor(0xe6, 0xf3, 0xff) : QColor(0x12, 0x2a, 0x6e);
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0;
        QColor colour = t < 0.55 ? base : mix(base, strong, (t - 0.55) / 0.45);
        // Smoothstep in alpha: the edge of a cluster fades in softly.
        colour.setAlphaF(float(0.85 * t * t * (3.0 - 2.0 * t)));
        m_ramp[std::size_t(i)] = qPremultiply(colour.rgba());
    }
}

void MemberLayer::ensureProjected(domain::Projection projection)
{
    if (m_projectedFor == projection)
        return;
    m_dots.clear();
    m_dots.reserve(std::size_t(m_groups.size()));
    for (const domain::LocationGroup &group : m_groups) {
        if (group.members <= 0)
            continue;
        m_dots.push_back(Dot{domain::project(projection, group.point), float(group.members),
                             sizeClass(group.members)});
    }
    std::stable_sort(m_dots.begin(), m_dots.end(),
                     [](const Dot &a, const Dot &b) { return a.sizeClass > b.sizeClass; });
    m_projectedFor = projection;
}

double MemberLayer::zoomScale(double zoom)
{
    // Growing with the zoom, from the base size with the whole world in view
    // to a third larger from about 11× on (a city's members apart); in
    // steps of 0.05 so zooming rebuilds the five sprites only now and then.
    const double scale = std::clamp(1.0 + 0.1 * std::log2(std::max(1.0, zoom)), 1.0, 1.35);
    return std::round(scale * 20.0) / 20.0;
}

void MemberLayer::ensureSprites(double ratio, double scale)
{
    if (m_spriteRatio == ratio && m_spriteScale == scale)
        return;
    // Device-pixel sprites (ratio 1 on the pixmap): they are stamped with an
    // identity transform at whole device pixels, the raster engine's fastest
    // blend. A solid-ish body in the member colour with a ring in the
    // contrasting outline colour, so a dot reads on land, on water and on
    // another dot; slightly translucent, so dense places still deepen.
    const QColor fill = theme().member;
    const QColor ring = theme().memberOutline;
    for (int c = 0; c < kSizeClasses; ++c) {
        const double r = radius(c) * scale * ratio;
        const double pen = std::max(1.0, ratio);
        const int side = int(std::ceil(2.0 * r + pen)) + 2;
        QImage sprite(side, side, QImage::Format_ARGB32_Premultiplied);
        sprite.fill(Qt::transparent);
        QPainter painter(&sprite);
        painter.setRenderHint(QPainter::Antialiasing);
        QColor body = fill;
        body.setAlphaF(0.82F);
        painter.setPen(QPen(ring, pen));
        painter.setBrush(body);
        painter.drawEllipse(QPointF(side / 2.0, side / 2.0), r, r);
        painter.end();
        m_sprites[std::size_t(c)] = sprite;
    }
    m_spriteRatio = ratio;
    m_spriteScale = scale;
}

void MemberLayer::render(QPainter &painter, const MapViewport &viewport)
{
    if (m_groups.isEmpty())
        return;
    domain::clearUpperVectorState(); // 100k projections and dots (issue 8)
    ensureProjected(viewport.projection());
    if (m_display == MemberDisplay::Density)
        renderDensity(painter, viewport);
    else
        renderDots(painter, viewport);
}

void MemberLayer::renderDots(QPainter &painter, const MapViewport &viewport)
{
    const double ratio = painter.device() ? painter.device()->devicePixelRatio() : 1.0;
    ensureSprites(ratio, zoomScale(viewport.zoom()));
    // Projected → device pixels, then draw with no transform at all.
    const QTransform toDevice =
        viewport.transform() * painter.worldTransform() * QTransform::fromScale(ratio, ratio);
    const double sx = toDevice.m11();
    const double sy = toDevice.m22();
    const double dx = toDevice.dx();
    const double dy = toDevice.dy();
    const int width = std::max(1, int(std::ceil(viewport.size().width() * ratio)));
    const int height = std::max(1, int(std::ceil(viewport.size().height() * ratio)));

    // A dot that would land within a cell of kStampCell device pixels where
    // a dot of its class was already stamped adds nothing one can see (the
    // sprites are nearly opaque and several pixels wide) and is skipped: at
    // the whole-world zoom most of 100k groups are, which keeps the larger,
    // outlined dots (issue 10) about as cheap as the old specks.
    const int columns = int(std::ceil(double(width) / kStampCell)) + 1;
    const int rows = int(std::ceil(double(height) / kStampCell)) + 1;
    m_stamped.assign(std::size_t(columns) * std::size_t(rows), 0);

    // The dots are composited into a layer of our own and that layer is
    // drawn once: a QPainter::drawPixmap per dot costs ~1 µs of state and
    // clip handling before its hundred pixels (11 ms for the whole world,
    // issue 8); blending the sprite rows directly costs a tenth of that.
    // Source-over is associative, so dots over dots, then over the map, is
    // the same picture as each dot over the map.
    if (m_canvas.size() != QSize(width, height))
        m_canvas = QImage(width, height, QImage::Format_ARGB32_Premultiplied);
    m_canvas.fill(0);
    auto *const pixels = reinterpret_cast<quint32 *>(m_canvas.bits());
    const qsizetype stride = m_canvas.bytesPerLine() / qsizetype(sizeof(quint32));
    QRect touched;
    for (const Dot &dot : m_dots) {
        const QImage &sprite = m_sprites[std::size_t(dot.sizeClass)];
        const double half = sprite.width() / 2.0;
        const double x = dot.projected.x() * sx + dx;
        const double y = dot.projected.y() * sy + dy;
        if (x < -half || y < -half || x > width + half || y > height + half)
            continue;
        if (x >= 0.0 && y >= 0.0 && x < width && y < height) {
            quint8 &stamped =
                m_stamped[std::size_t(int(y) / kStampCell) * columns + int(x) / kStampCell];
            const auto bit = quint8(1U << dot.sizeClass);
            if (stamped & bit)
                continue;
            stamped |= bit;
        }
        const QRect at = QRect(int(std::lround(x - half)), int(std::lround(y - half)),
                               sprite.width(), sprite.height())
                             .intersected(m_canvas.rect());
        if (at.isEmpty())
            continue;
        const int left = at.left() - int(std::lround(x - half));
        const int top = at.top() - int(std::lround(y - half));
        for (int row = 0; row < at.height(); ++row) {
            const auto *source =
                reinterpret_cast<const quint32 *>(sprite.constScanLine(top + row)) + left;
            quint32 *target = pixels + qsizetype(at.top() + row) * stride + at.left();
            blendRow(source, target, at.width());
        }
        touched |= at;
    }
    if (touched.isEmpty())
        return;
    painter.save();
    painter.setWorldTransform(QTransform::fromScale(1.0 / ratio, 1.0 / ratio));
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(touched.topLeft(), m_canvas, touched);
    painter.restore();
}

void MemberLayer::renderDensity(QPainter &painter, const MapViewport &viewport)
{
    const QTransform toScreen = viewport.transform();
    const int pad = kKernelRadius + 1;
    const int columns = int(std::ceil(viewport.size().width() / kCellPixels)) + 2 * pad;
    const int rows = int(std::ceil(viewport.size().height() / kCellPixels)) + 2 * pad;
    std::vector<float> grid(std::size_t(columns) * std::size_t(rows), 0.0F);
    for (const Dot &dot : m_dots) {
        const QPointF s(dot.projected.x() * toScreen.m11() + toScreen.dx(),
                        dot.projected.y() * toScreen.m22() + toScreen.dy());
        const int column = int(std::floor(s.x() / kCellPixels)) + pad;
        const int row = int(std::floor(s.y() / kCellPixels)) + pad;
        if (column < 0 || row < 0 || column >= columns || row >= rows)
            continue;
        // Square root: a city of 10,000 reads as denser than one of 100,
        // without blanking out everything else.
        grid[std::size_t(row) * columns + column] += std::sqrt(dot.weight);
    }
    gaussianBlur(grid, columns, rows, true);
    gaussianBlur(grid, columns, rows, false);
    const float peak = *std::max_element(grid.begin(), grid.end());
    if (peak <= 0.0F)
        return;
    QImage heat(columns, rows, QImage::Format_ARGB32_Premultiplied);
    // (v / peak)^0.4: a cluster a twentieth of the largest still shows at
    // about a third of the strength; below the floor, nothing.
    for (int row = 0; row < rows; ++row) {
        auto *line = reinterpret_cast<QRgb *>(heat.scanLine(row));
        for (int column = 0; column < columns; ++column) {
            const float v = grid[std::size_t(row) * columns + column] / peak;
            const int index =
                v < kDensityFloor ? 0 : std::clamp(int(std::pow(v, 0.4F) * 255.0F), 1, 255);
            line[column] = m_ramp[std::size_t(index)];
        }
    }
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(
        QRectF(-pad * kCellPixels, -pad * kCellPixels, columns * kCellPixels, rows * kCellPixels),
        heat);
    painter.restore();
}

} // namespace waddle::ui
