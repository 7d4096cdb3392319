#include "twolineheaderproxy.h"

#include <cmath>

namespace waddle::ui {

TwoLineHeaderProxy::TwoLineHeaderProxy(QObject *parent)
    : QIdentityProxyModel(parent)
{}

TwoLineHeaderProxy::~TwoLineHeaderProxy() = default;

QVariant TwoLineHeaderProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    const QVariant value = QIdentityProxyModel::headerData(section, orientation, role);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return value;
    return twoLines(value.toString());
}

QString TwoLineHeaderProxy::twoLines(const QString &title)
{
    if (title.contains(u'\n'))
        return title;
    const qsizetype middle = title.size() / 2;
    qsizetype best = -1;
    for (qsizetype i = 0; i < title.size(); ++i) {
        if (title.at(i) == u' ' && (best < 0 || std::abs(i - middle) < std::abs(best - middle)))
            best = i;
    }
    if (best < 0)
        return title;
    QString broken = title;
    broken[best] = u'\n';
    return broken;
}

} // namespace waddle::ui
