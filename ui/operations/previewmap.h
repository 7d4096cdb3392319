#pragma once

#include "domain/placement/migration.h"
#include "domain/region.h"
#include "ui/map/maprenderer.h"

#include <QStringList>
#include <QWidget>

namespace waddle::ui {

// The migration wizard's map of a preview (issue 13): an arc from each
// region the waddles would leave to the target, and each place's members as
// a dot sized by how many they are and coloured by their change — bluish
// green faster, vermillion slower, grey about the same. The preview table
// beside it says the same in words and signed numbers.
class PreviewMap final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewMap)

public:
    explicit PreviewMap(QWidget *parent = nullptr);
    ~PreviewMap() override;

    void setRegions(const QList<domain::Region> &regions);
    void showPreview(const QStringList &sources, const QString &target,
                     const domain::MigrationPreview &preview);
    void clear();

    // What is drawn (tests).
    [[nodiscard]] qsizetype placesShown() const { return m_places.size(); }
    [[nodiscard]] const QList<MapArc> &arcs() const { return m_renderer.arcs(); }
    // Where a place's dot is and its colour, as last painted.
    [[nodiscard]] QColor colourOf(const domain::PreviewGroup &group) const;
    [[nodiscard]] QPointF positionOf(domain::GeoPoint point) const;

    [[nodiscard]] QSize sizeHint() const override { return {380, 240}; }
    [[nodiscard]] QSize minimumSizeHint() const override { return {220, 140}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void fit();
    void paintLegend(QPainter &painter);

    MapRenderer m_renderer;
    QList<domain::PreviewGroup> m_places; // those with a location
    QStringList m_sources;
    QString m_target;
    QSizeF m_fittedFor;
};

} // namespace waddle::ui
