#pragma once

#include "maplayer.h"

#include <QString>

namespace waddle::ui {

// A small key in the lower left corner: the four status shapes with their
// words, and what the member dots and arcs mean when members show. The map
// must be readable without knowing the colours (STYLE.md: status by shape
// or text as well as colour).
class LegendLayer final : public MapLayer
{
public:
    void render(QPainter &painter, const MapViewport &viewport) override;
    [[nodiscard]] double zValue() const override { return 70.0; }
    [[nodiscard]] bool isCacheable() const override { return false; }

    // "Members of <waddle>" style caption for the dots, or empty for none.
    void setMemberCaption(const QString &caption);
    [[nodiscard]] const QString &memberCaption() const { return m_memberCaption; }

    // A row saying what the greyed, dashed markers mean (stale data).
    void setStale(bool stale);
    [[nodiscard]] bool isStale() const { return m_stale; }

private:
    QString m_memberCaption;
    bool m_stale = false;
};

} // namespace waddle::ui
