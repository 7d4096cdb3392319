#pragma once

#include "domain/citytable.h"

#include <QDialog>

#include <optional>

class QLineEdit;
class QListWidget;

namespace waddle::ui {

// Tools › Set My Location: search the world city table, or pick a point on
// the map (SPEC §13: the user's location is always editable).
class LocationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocationDialog)

public:
    LocationDialog(std::optional<domain::GeoPoint> current, QWidget *parent = nullptr);

    [[nodiscard]] std::optional<domain::City> city() const;
    [[nodiscard]] bool pickOnMap() const { return m_pickOnMap; }

    // The cities whose name starts with (then contains) `text`, largest first.
    static QList<domain::City> search(const QString &text, int limit = 20);

private:
    void refresh(const QString &text);

    QLineEdit *m_search;
    QListWidget *m_results;
    QList<domain::City> m_shown;
    bool m_pickOnMap = false;
};

} // namespace waddle::ui
