#include "mapformat.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace waddle::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("waddle::ui::MapFormat", text);
}

} // namespace

QString formatCoordinates(domain::GeoPoint point)
{
    const QLocale locale;
    const QString latitude = locale.toString(std::fabs(point.latitude), 'f', 2);
    const QString longitude = locale.toString(std::fabs(point.longitude), 'f', 2);
    return tr("%1° %2, %3° %4")
        .arg(latitude, point.latitude >= 0 ? tr("N") : tr("S"), longitude,
             point.longitude >= 0 ? tr("E") : tr("W"));
}

QString formatLastCheck(const QDateTime &checkedAt, const QDateTime &now)
{
    if (!checkedAt.isValid())
        return tr("never");
    const QString time =
        QLocale().toString(checkedAt.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
    const qint64 seconds = checkedAt.secsTo(now);
    QString age;
    if (seconds < 0)
        age = tr("just now");
    else if (seconds < 120)
        age = tr("%1 s ago").arg(seconds);
    else if (seconds < 2 * 3600)
        age = tr("%1 min ago").arg(seconds / 60);
    else if (seconds < 2 * 86400)
        age = tr("%1 h ago").arg(seconds / 3600);
    else
        return QLocale().toString(checkedAt.toLocalTime(), QLocale::ShortFormat);
    return tr("%1 (%2)").arg(time, age);
}

QString formatPercent(double fraction)
{
    return tr("%1%").arg(QLocale().toString(std::lround(fraction * 100.0)));
}

QString unknownValue()
{
    return tr("—");
}

} // namespace waddle::ui
