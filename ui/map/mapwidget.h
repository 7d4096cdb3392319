#pragma once

#include "domain/geo.h"
#include "domain/health.h"
#include "domain/placement/locationgroup.h"
#include "domain/projection.h"
#include "domain/region.h"
#include "maparc.h"
#include "maprenderer.h"

#include <QPointF>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <optional>

class QGestureEvent;
class QNativeGestureEvent;

namespace waddle::client {
class RegionsModel;
} // namespace waddle::client

namespace waddle::ui {

// The live world map of voice regions (SPEC §13; issue 5: Qt Location is
// not in Qt 6.4). A thin widget after KDE Marble's MarbleWidget: it holds a
// MapRenderer, forwards input to its viewport and paints it.
//
// Mouse: wheel zooms at the cursor, drag pans, double-click zooms in
// (Shift: out), click a marker selects its region, click elsewhere reports
// the place (after the double-click interval, so a double-click does not).
// Touch: pinch zooms. Keys: + and − zoom, arrows pan, Home or F fits all,
// Page Down/Up select the next/previous region, Enter opens the selected
// one, Escape clears the selection, M switches dots/density.
class MapWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit MapWidget(QWidget *parent = nullptr);
    ~MapWidget() override;
    Q_DISABLE_COPY_MOVE(MapWidget)

    // The regions and their live health come from `model` (null: none),
    // followed as it changes: a health change repaints the markers over the
    // cached land and re-projects nothing. The model outlives the widget or
    // is unset first.
    void setModel(const client::RegionsModel *model);
    [[nodiscard]] const client::RegionsModel *model() const { return m_model; }
    void setMembers(const QList<domain::LocationGroup> &groups, const QString &currentRegion);
    void setMemberDisplay(MemberDisplay display);
    // Region arcs (moves in progress) flow: their arrows travel source →
    // target at kArcFrameMs a frame while the widget is shown.
    static constexpr int kArcFrameMs = 50;
    static constexpr int kArcTripMs = 2000;
    void setArcs(const QList<MapArc> &arcs);
    [[nodiscard]] bool isAnimatingArcs() const { return m_arcTimer.isActive(); }
    // Regions whose waddles a failover is moving away: drawn greyed.
    void setDrainingRegions(const QSet<QString> &codes);
    void setUserLocation(std::optional<domain::GeoPoint> location);
    void setSelectedRegion(const QString &code);
    // Markers and labels show last known state, not live (issue 10).
    void setStale(bool stale);
    [[nodiscard]] bool isStale() const;
    [[nodiscard]] QString selectedRegion() const;
    void setProjection(domain::Projection projection);
    void fitAll();
    // Explicit theme; until called the widget follows its palette.
    void setDark(bool dark);

    MapRenderer &renderer() { return m_renderer; }
    [[nodiscard]] const MapRenderer &renderer() const { return m_renderer; }

    // The tooltip shown at `point` (rich text), empty over plain map.
    [[nodiscard]] QString toolTipAt(QPointF point) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

Q_SIGNALS:
    void regionClicked(const QString &code);
    // A click on the map away from markers, where it landed.
    void mapClicked(const waddle::domain::GeoPoint &point);
    // The user selected another region (or none) by mouse or keyboard.
    void selectedRegionChanged(const QString &code);
    void viewportChanged();
    // Dots or density, by the M key or setMemberDisplay().
    void memberDisplayChanged(waddle::ui::MemberDisplay display);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void zoomAt(QPointF point, double factor);
    void pan(QPointF delta);
    void selectByUser(const QString &code);
    void stepSelection(int step);
    void emitPendingClick();
    bool gestureEvent(QGestureEvent *event);
    bool nativeGestureEvent(QNativeGestureEvent *event);
    void followPalette();
    [[nodiscard]] QString regionToolTip(const QString &code) const;
    void readModel();
    void readRows(int first, int last);

    const client::RegionsModel *m_model = nullptr;

    MapRenderer m_renderer;
    bool m_themeExplicit = false;
    bool m_pressed = false;
    bool m_dragging = false;
    QPointF m_pressPos;
    QPointF m_lastDragPos;
    QTimer m_clickTimer;
    QPointF m_pendingClick;
    QTimer m_arcTimer;
    double m_arcPhase = 0.7;
};

} // namespace waddle::ui
