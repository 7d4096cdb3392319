#include "mapwidget.h"

#include "arclayer.h"
#include "client/regionsmodel.h"
#include "legendlayer.h"
#include "mapformat.h"
#include "regionlayer.h"
#include "ui/common/imageexport.h"
#include "ui/common/statusstyle.h"

#include <QApplication>
#include <QGestureEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPinchGesture>
#include <QStyle>
#include <QStyleOptionFocusRect>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace waddle::ui {

namespace {

// One wheel notch (120 units) zooms by this factor; keys by kKeyZoom.
constexpr double kWheelZoom = 1.25;
constexpr double kKeyZoom = 1.5;
// Arrow keys move the map by this share of the view (Shift: a larger one).
constexpr double kKeyPan = 0.1;
constexpr double kKeyPanLarge = 0.33;

} // namespace

MapWidget::MapWidget(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("World map of voice regions"));
    setAccessibleDescription(
        tr("Voice regions with their status and load. Plus and minus zoom, arrow keys pan, Home "
           "or F shows everything, Page Down and Page Up select the next or previous region, "
           "Enter opens it, Escape clears the selection, M switches member dots and density "
           "(also View › Member Density). The context menu copies or saves the map as an "
           "image."));
    setFocusPolicy(Qt::StrongFocus);
    ImageExport::install(this, tr("waddle-map"));
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAttribute(Qt::WA_AcceptTouchEvents);
    grabGesture(Qt::PinchGesture);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

    m_clickTimer.setSingleShot(true);
    connect(&m_clickTimer, &QTimer::timeout, this, &MapWidget::emitPendingClick);
    connect(&m_arcTimer, &QTimer::timeout, this, [this] {
        if (!isVisible())
            return; // a hidden map does not animate (and costs nothing)
        m_arcPhase = std::fmod(m_arcPhase + double(kArcFrameMs) / kArcTripMs, 1.0);
        m_renderer.arcLayer().setPhase(m_arcPhase);
        update();
    });

    m_renderer.setSize(QSizeF(size()), devicePixelRatioF());
    followPalette();
}

MapWidget::~MapWidget() = default;

QSize MapWidget::sizeHint() const
{
    return {900, 500};
}

QSize MapWidget::minimumSizeHint() const
{
    return {320, 200};
}

void MapWidget::setModel(const client::RegionsModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (!m_model) {
        m_renderer.setRegions({});
        update();
        return;
    }
    connect(m_model, &QAbstractItemModel::modelReset, this, &MapWidget::readModel);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MapWidget::readModel);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MapWidget::readModel);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &MapWidget::readModel);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                readRows(topLeft.row(), bottomRight.row());
            });
    connect(m_model, &QObject::destroyed, this, [this] { m_model = nullptr; });
    readModel();
}

void MapWidget::readModel()
{
    readRows(0, m_model->rowCount() - 1);
}

void MapWidget::readRows(int first, int last)
{
    // A no-op unless a region itself changed (a new list, a status).
    m_renderer.setRegions(m_model->regions());
    for (int row = first; row <= last; ++row) {
        if (const domain::Region *region = m_model->region(row)) {
            if (const auto health = m_model->health(region->code))
                m_renderer.setRegionHealth(*health);
        }
    }
    update();
}

void MapWidget::setMembers(const QList<domain::LocationGroup> &groups, const QString &currentRegion)
{
    m_renderer.setMembers(groups, currentRegion);
    update();
}

void MapWidget::setMemberDisplay(MemberDisplay display)
{
    if (display == m_renderer.memberDisplay())
        return;
    m_renderer.setMemberDisplay(display);
    update();
    Q_EMIT memberDisplayChanged(display);
}

void MapWidget::setArcs(const QList<MapArc> &arcs)
{
    m_renderer.setArcs(arcs);
    // Only region arcs move; none left, the arrows rest where they are.
    if (m_renderer.arcLayer().regionArcs().isEmpty())
        m_arcTimer.stop();
    else if (!m_arcTimer.isActive())
        m_arcTimer.start(kArcFrameMs);
    update();
}

void MapWidget::setDrainingRegions(const QSet<QString> &codes)
{
    // Told on every job event: only a change repaints.
    if (codes == m_renderer.regionLayer().draining())
        return;
    m_renderer.regionLayer().setDraining(codes);
    update();
}

void MapWidget::setUserLocation(std::optional<domain::GeoPoint> location)
{
    m_renderer.setUserLocation(location);
    update();
}

void MapWidget::setSelectedRegion(const QString &code)
{
    m_renderer.setSelectedRegion(code);
    update();
}

void MapWidget::setStale(bool stale)
{
    m_renderer.regionLayer().setStale(stale);
    m_renderer.legendLayer().setStale(stale);
    update();
}

bool MapWidget::isStale() const
{
    return m_renderer.regionLayer().isStale();
}

QString MapWidget::selectedRegion() const
{
    return m_renderer.selectedRegion();
}

void MapWidget::setProjection(domain::Projection projection)
{
    m_renderer.setProjection(projection);
    update();
    Q_EMIT viewportChanged();
}

void MapWidget::fitAll()
{
    m_renderer.fitAll();
    update();
    Q_EMIT viewportChanged();
}

void MapWidget::setDark(bool dark)
{
    m_themeExplicit = true;
    m_renderer.setDark(dark);
    update();
}

void MapWidget::followPalette()
{
    if (m_themeExplicit)
        return;
    m_renderer.setDark(palette().color(QPalette::Window).lightness() < 128);
    update();
}

void MapWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        followPalette();
    else if (event->type() == QEvent::FontChange) {
        MapTheme theme = m_renderer.theme();
        theme.font = font();
        m_renderer.setTheme(theme);
        update();
    }
    QWidget::changeEvent(event);
}

void MapWidget::paintEvent(QPaintEvent *)
{
    m_renderer.setSize(QSizeF(size()), devicePixelRatioF());
    QPainter painter(this);
    m_renderer.render(painter);
    if (hasFocus()) {
        // Keyboard users need to see where focus is.
        QStyleOptionFocusRect option;
        option.initFrom(this);
        option.rect = rect().adjusted(1, 1, -1, -1);
        option.backgroundColor = m_renderer.theme().space;
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &option, &painter, this);
    }
}

void MapWidget::resizeEvent(QResizeEvent *event)
{
    m_renderer.setSize(QSizeF(size()), devicePixelRatioF());
    QWidget::resizeEvent(event);
    Q_EMIT viewportChanged();
}

void MapWidget::zoomAt(QPointF point, double factor)
{
    m_renderer.viewport().zoomAt(point, factor);
    update();
    Q_EMIT viewportChanged();
}

void MapWidget::pan(QPointF delta)
{
    m_renderer.viewport().pan(delta);
    update();
    Q_EMIT viewportChanged();
}

void MapWidget::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0) {
        event->ignore();
        return;
    }
    zoomAt(event->position(), std::pow(kWheelZoom, notches));
    event->accept();
}

void MapWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPos = event->position();
    m_lastDragPos = event->position();
    event->accept();
}

void MapWidget::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = event->position();
    if (m_pressed && (event->buttons() & Qt::LeftButton)) {
        if (!m_dragging &&
            (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            m_dragging = true;
            m_clickTimer.stop();
            setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            pan(pos - m_lastDragPos);
            m_lastDragPos = pos;
        }
        event->accept();
        return;
    }
    const bool overMarker = !m_renderer.regionAt(pos).isEmpty() || m_renderer.isUserLocationAt(pos);
    if (overMarker) {
        setCursor(Qt::PointingHandCursor);
    } else {
        unsetCursor();
        if (QToolTip::isVisible())
            QToolTip::hideText(); // the tip belonged to a marker left behind
    }
    QWidget::mouseMoveEvent(event);
}

void MapWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        unsetCursor();
        event->accept();
        return;
    }
    const QPointF pos = event->position();
    const QString code = m_renderer.regionAt(pos);
    if (!code.isEmpty()) {
        selectByUser(code);
        Q_EMIT regionClicked(code);
    } else if (!m_renderer.isUserLocationAt(pos)) {
        // Wait out the double-click interval: a double-click zooms and must
        // not also move the user's location.
        m_pendingClick = pos;
        m_clickTimer.start(QApplication::doubleClickInterval());
    }
    event->accept();
}

void MapWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mouseDoubleClickEvent(event);
        return;
    }
    m_clickTimer.stop();
    m_pressed = true; // the release that follows ends this gesture
    m_dragging = true;
    const bool out = event->modifiers() & Qt::ShiftModifier;
    zoomAt(event->position(), out ? 0.5 : 2.0);
    event->accept();
}

void MapWidget::emitPendingClick()
{
    if (const std::optional<domain::GeoPoint> point = m_renderer.viewport().toGeo(m_pendingClick)) {
        Q_EMIT mapClicked(*point);
    }
}

void MapWidget::selectByUser(const QString &code)
{
    if (code == m_renderer.selectedRegion())
        return;
    m_renderer.setSelectedRegion(code);
    update();
    Q_EMIT selectedRegionChanged(code);
}

void MapWidget::stepSelection(int step)
{
    QStringList codes;
    for (const domain::Region &region : m_renderer.regions()) {
        if (region.locationKnown)
            codes.append(region.code);
    }
    if (codes.isEmpty())
        return;
    const qsizetype current = codes.indexOf(m_renderer.selectedRegion());
    const qsizetype next = current < 0 ? (step > 0 ? 0 : codes.size() - 1)
                                       : (current + step + codes.size()) % codes.size();
    const QString code = codes[next];
    selectByUser(code);
    // Bring it into view when off screen.
    if (const std::optional<QPointF> at = m_renderer.regionPosition(code)) {
        if (!QRectF(rect()).adjusted(20, 20, -20, -20).contains(*at))
            pan(QRectF(rect()).center() - *at);
    }
    Q_EMIT regionClicked(code);
}

void MapWidget::keyPressEvent(QKeyEvent *event)
{
    const QPointF centre = QRectF(rect()).center();
    const double share = event->modifiers() & Qt::ShiftModifier ? kKeyPanLarge : kKeyPan;
    const double dx = width() * share;
    const double dy = height() * share;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAt(centre, kKeyZoom);
        break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        zoomAt(centre, 1.0 / kKeyZoom);
        break;
    // Arrows move the view that way, so the map moves the other way.
    case Qt::Key_Left:
        pan(QPointF(dx, 0));
        break;
    case Qt::Key_Right:
        pan(QPointF(-dx, 0));
        break;
    case Qt::Key_Up:
        pan(QPointF(0, dy));
        break;
    case Qt::Key_Down:
        pan(QPointF(0, -dy));
        break;
    case Qt::Key_Home:
    case Qt::Key_F:
        fitAll();
        break;
    case Qt::Key_PageDown:
        stepSelection(1);
        break;
    case Qt::Key_PageUp:
        stepSelection(-1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_renderer.selectedRegion().isEmpty()) {
            event->ignore();
            return;
        }
        Q_EMIT regionClicked(m_renderer.selectedRegion());
        break;
    case Qt::Key_Escape:
        if (m_renderer.selectedRegion().isEmpty()) {
            event->ignore(); // let a dialog around the map have it
            return;
        }
        selectByUser(QString());
        break;
    case Qt::Key_M:
        setMemberDisplay(m_renderer.memberDisplay() == MemberDisplay::Dots ? MemberDisplay::Density
                                                                           : MemberDisplay::Dots);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool MapWidget::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    case QEvent::NativeGesture:
        return nativeGestureEvent(static_cast<QNativeGestureEvent *>(event));
    case QEvent::Gesture:
        return gestureEvent(static_cast<QGestureEvent *>(event));
    default:
        break;
    }
    return QWidget::event(event);
}

bool MapWidget::nativeGestureEvent(QNativeGestureEvent *event)
{
    switch (event->gestureType()) {
    case Qt::ZoomNativeGesture:
        zoomAt(event->position(), 1.0 + event->value());
        return true;
    case Qt::SmartZoomNativeGesture:
        if (m_renderer.viewport().zoom() > 1.5)
            fitAll();
        else
            zoomAt(event->position(), 2.0);
        return true;
    default:
        break;
    }
    return QWidget::event(event);
}

bool MapWidget::gestureEvent(QGestureEvent *event)
{
    if (auto *pinch = static_cast<QPinchGesture *>(event->gesture(Qt::PinchGesture))) {
        if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged) {
            zoomAt(mapFromGlobal(pinch->centerPoint()), pinch->scaleFactor());
        }
        event->accept(pinch);
        return true;
    }
    return QWidget::event(event);
}

QString MapWidget::toolTipAt(QPointF point) const
{
    const QString code = m_renderer.regionAt(point);
    if (!code.isEmpty())
        return regionToolTip(code);
    if (m_renderer.isUserLocationAt(point)) {
        const std::optional<domain::GeoPoint> user = m_renderer.userLocation();
        return tr("<b>Your location</b><br>%1").arg(formatCoordinates(*user));
    }
    return {};
}

QString MapWidget::regionToolTip(const QString &code) const
{
    const RegionLayer &layer = m_renderer.regionLayer();
    const domain::Region *region = layer.region(code);
    if (!region)
        return {};
    const std::optional<domain::RegionHealth> health = layer.health(code);
    const StatusStyle style = styleFor(layer.statusOf(*region));

    QStringList lines;
    lines.append(tr("<b>%1</b> (%2)").arg(region->name.toHtmlEscaped(), code.toHtmlEscaped()));
    lines.append(tr("%1, %2").arg(region->location.city.toHtmlEscaped(),
                                  region->location.country.toHtmlEscaped()));
    lines.append(tr("Status: %1").arg(style.label));
    lines.append(tr("Load: %1").arg(formatPercent(layer.utilisationOf(*region))));
    if (health) {
        lines.append(tr("Health score: %1").arg(std::lround(health->score)));
        lines.append(tr("Last check: %1")
                         .arg(formatLastCheck(health->checkedAt, QDateTime::currentDateTimeUtc())));
        if (!health->message.isEmpty())
            lines.append(tr("Problem: %1").arg(health->message.toHtmlEscaped()));
    } else {
        lines.append(tr("Health score: not checked yet"));
    }
    return lines.join(QStringLiteral("<br>"));
}

} // namespace waddle::ui
