#include "units.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace waddle::client {

namespace {

QString figure(double value)
{
    const int decimals = std::fabs(value) < 10.0 ? 1 : 0;
    return QLocale().toString(value, 'f', decimals);
}

} // namespace

QString millisecondsNumber(double milliseconds)
{
    return figure(milliseconds);
}

QString formatMilliseconds(double milliseconds)
{
    return QCoreApplication::translate("waddle::client::Units", "%1 ms")
        .arg(millisecondsNumber(milliseconds));
}

QString percentNumber(double percent)
{
    return figure(percent);
}

QString formatPercentValue(double percent)
{
    return QCoreApplication::translate("waddle::client::Units", "%1%").arg(percentNumber(percent));
}

} // namespace waddle::client
