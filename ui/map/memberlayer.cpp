#include "memberlayer.h"

#include "domain/cpustate.h"
#include "mapviewport.h"

#include <QPaintDevice>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace waddle::ui {

namespace {

// Density grid: cells of this many logical pixels, blurred by three box
// passes of this radius (≈ a Gaussian of σ ≈ 2.4 cells).
constexpr int kCellPixels = 4;
constexpr int kBlurRadius = 2;
constexpr int kBlurPasses = 3;

void boxBlur(std::vector<float> &grid, int columns, int rows, bool horizontal)
{
    const int length = horizontal ? columns : rows;
    const int lines = horizontal ? rows : columns;
    std::vector<float> line(static_cast<std::size_t>(length));
    const float norm = 1.0F / float(2 * kBlurRadius + 1);
    for (int l = 0; l < lines; ++l) {
        const auto at = [&](int i) -> float & {
            return horizontal ? grid[std::size_t(l) * columns + i]
                              : grid[std::size_t(i) * columns + l];
        };
        float sum = 0.0F;
        for (int i = -kBlurRadius; i <= kBlurRadius; ++i)
            sum += (i >= 0 && i < length) ? at(i) : 0.0F;
        for (int i = 0; i < length; ++i) {
            line[std::size_t(i)] = sum * norm;
            const int out = i - kBlurRadius;
            const int in = i + kBlurRadius + 1;
            if (out >= 0)
                sum -= at(out);
            if (in < length)
                sum += at(in);
        }
        for (int i = 0; i < length; ++i)
            at(i) = line[std::size_t(i)];
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
    static constexpr std::array<double, kSizeClasses> kRadii{1.3, 1.7, 2.3, 3.1, 4.2};
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
        colour.setAlphaF(float(std::min(0.88, 1.2 * t)));
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
    // Smaller, fainter dots while the whole world shows (where thousands
    // share a few pixels), full size from about 8× on; in steps of 0.05 so
    // zooming rebuilds the five sprites only now and then.
    const double scale = std::clamp(0.6 + 0.13 * std::log2(std::max(1.0, zoom)), 0.6, 1.0);
    return std::round(scale * 20.0) / 20.0;
}

void MemberLayer::ensureSprites(double ratio, double scale)
{
    if (m_spriteRatio == ratio && m_spriteScale == scale)
        return;
    // Device-pixel sprites (ratio 1 on the pixmap): they are stamped with an
    // identity transform at whole device pixels, the raster engine's fastest
    // blend. Translucent, so where many overlap the colour deepens: the dots
    // show density by themselves.
    const QColor fill = theme().member;
    for (int c = 0; c < kSizeClasses; ++c) {
        const double r = std::max(0.9, radius(c) * scale) * ratio;
        const int side = int(std::ceil(2.0 * r)) + 2;
        QPixmap sprite(side, side);
        sprite.fill(Qt::transparent);
        QPainter painter(&sprite);
        painter.setRenderHint(QPainter::Antialiasing);
        QColor body = fill;
        body.setAlphaF(float((0.2 + 0.05 * c) + 0.16 * (scale - 0.6) / 0.4));
        painter.setPen(Qt::NoPen);
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
    const double width = viewport.size().width() * ratio;
    const double height = viewport.size().height() * ratio;

    painter.save();
    painter.setWorldTransform(QTransform::fromScale(1.0 / ratio, 1.0 / ratio));
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (const Dot &dot : m_dots) {
        const QPixmap &sprite = m_sprites[std::size_t(dot.sizeClass)];
        const double half = sprite.width() / 2.0;
        const double x = dot.projected.x() * sx + dx;
        const double y = dot.projected.y() * sy + dy;
        if (x < -half || y < -half || x > width + half || y > height + half)
            continue;
        painter.drawPixmap(QPoint(int(std::lround(x - half)), int(std::lround(y - half))), sprite);
    }
    painter.restore();
}

void MemberLayer::renderDensity(QPainter &painter, const MapViewport &viewport)
{
    const QTransform toScreen = viewport.transform();
    const int pad = kBlurRadius * kBlurPasses + 1;
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
    for (int pass = 0; pass < kBlurPasses; ++pass) {
        boxBlur(grid, columns, rows, true);
        boxBlur(grid, columns, rows, false);
    }
    const float peak = *std::max_element(grid.begin(), grid.end());
    if (peak <= 0.0F)
        return;
    QImage heat(columns, rows, QImage::Format_ARGB32_Premultiplied);
    // (v / peak)^0.33: a cluster a twentieth of the largest still shows at
    // over a third of the strength.
    for (int row = 0; row < rows; ++row) {
        auto *line = reinterpret_cast<QRgb *>(heat.scanLine(row));
        for (int column = 0; column < columns; ++column) {
            const float v = grid[std::size_t(row) * columns + column];
            const int index = std::clamp(int(std::pow(v / peak, 0.33F) * 255.0F), 0, 255);
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
