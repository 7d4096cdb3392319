#include "capacitybars.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>

namespace waddle::ui {

using namespace waddle::domain;

namespace {

double ratio(qint64 value, qint64 maximum)
{
    return maximum > 0 ? std::clamp(double(value) / double(maximum), 0.0, 1.0) : 0.0;
}

} // namespace

CapacityBars::CapacityBars(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    setAccessibleName(tr("Load per target region"));
}

CapacityBars::~CapacityBars() = default;

void CapacityBars::setChanges(const QList<CapacityChange> &changes,
                              const QHash<QString, QString> &names)
{
    m_changes = changes;
    m_names = names;
    setAccessibleDescription(lines().join(u'\n'));
    setToolTip(accessibleDescription());
    updateGeometry();
    update();
}

QString CapacityBars::name(const QString &code) const
{
    return m_names.value(code, code);
}

QStringList CapacityBars::lines() const
{
    QStringList out;
    const QLocale locale;
    for (const CapacityChange &c : m_changes) {
        out.append(tr("%1: %2 → %3 of %4 members (%5 %)")
                       .arg(name(c.region), locale.toString(c.before), locale.toString(c.after),
                            locale.toString(c.maximum),
                            locale.toString(100.0 * ratio(c.after, c.maximum), 'f', 0)));
    }
    return out;
}

int CapacityBars::rowHeight() const
{
    return fontMetrics().height() + 12;
}

QSize CapacityBars::sizeHint() const
{
    return {480, std::max<int>(1, static_cast<int>(m_changes.size())) * rowHeight() + 4};
}

QSize CapacityBars::minimumSizeHint() const
{
    return {240, sizeHint().height()};
}

void CapacityBars::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    int nameWidth = 0;
    for (const CapacityChange &c : m_changes)
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(name(c.region)));
    nameWidth += 12;
    const QLocale locale;
    int textWidth = 0;
    QStringList figures;
    for (const CapacityChange &c : m_changes) {
        figures.append(tr("%1 → %2 / %3")
                           .arg(locale.toString(c.before), locale.toString(c.after),
                                locale.toString(c.maximum)));
        textWidth = std::max(textWidth, fm.horizontalAdvance(figures.constLast()));
    }
    textWidth += 12;
    const int barWidth = std::max(40, width() - nameWidth - textWidth - 4);
    // Okabe–Ito blue for the load now, orange for what the plan adds.
    const QColor now(0, 114, 178);
    const QColor added(230, 159, 0);
    const int h = rowHeight();
    for (int i = 0; i < m_changes.size(); ++i) {
        const CapacityChange &c = m_changes.at(i);
        const int y = i * h + 2;
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(0, y, nameWidth - 8, h), Qt::AlignVCenter | Qt::AlignLeft, name(c.region));
        const QRectF track(nameWidth, y + 6, barWidth, h - 12);
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        p.setBrush(pal.color(QPalette::Base));
        p.drawRoundedRect(track, 3, 3);
        const double beforeW = track.width() * ratio(c.before, c.maximum);
        const double afterW = track.width() * ratio(c.after, c.maximum);
        p.setPen(Qt::NoPen);
        p.setBrush(now);
        p.drawRect(QRectF(track.left(), track.top(), beforeW, track.height()));
        if (afterW > beforeW) {
            const QRectF extra(track.left() + beforeW, track.top(), afterW - beforeW,
                               track.height());
            p.setBrush(added);
            p.drawRect(extra);
            p.setBrush(QBrush(pal.color(QPalette::Base), Qt::BDiagPattern));
            p.drawRect(extra);
        }
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(nameWidth + barWidth + 8, y, textWidth, h),
                   Qt::AlignVCenter | Qt::AlignLeft, figures.at(i));
    }
}

} // namespace waddle::ui
