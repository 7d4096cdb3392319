// Radio buttons and check boxes stay visible in the dark theme (issue 10).
#include "ui/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QRadioButton>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTest>
#include <QVBoxLayout>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

// The strongest difference in lightness (0–255) between the window colour
// and any pixel of the button's indicator.
int indicatorContrast(QAbstractButton &button, QStyle::SubElement element)
{
    QStyleOptionButton option;
    option.initFrom(&button);
    const QRect indicator = button.style()->subElementRect(element, &option, &button);
    const QImage image = button.grab().toImage();
    const int window = button.palette().color(QPalette::Window).lightness();
    int contrast = 0;
    for (int y = indicator.top(); y <= indicator.bottom(); ++y) {
        for (int x = indicator.left(); x <= indicator.right(); ++x) {
            const QColor pixel = image.pixelColor(QPoint(x, y) * image.devicePixelRatio());
            contrast = std::max(contrast, std::abs(pixel.lightness() - window));
        }
    }
    return contrast;
}

} // namespace

class TestThemeStyle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase();
    void indicatorsVisible_data();
    void indicatorsVisible();
};

void TestThemeStyle::cleanupTestCase()
{
    ui::applyTheme(false);
}

void TestThemeStyle::indicatorsVisible_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestThemeStyle::indicatorsVisible()
{
    QFETCH(bool, dark);
    ui::applyTheme(dark);
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *radio = new QRadioButton(u"Automatic"_s);
    auto *check = new QCheckBox(u"Remember"_s);
    layout->addWidget(radio);
    layout->addWidget(check);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Unchecked, not focused: the ring alone must stand out from the window
    // (a sixth of the lightness scale; Fusion's dark outline gave ~15).
    const int radioContrast = indicatorContrast(*radio, QStyle::SE_RadioButtonIndicator);
    const int checkContrast = indicatorContrast(*check, QStyle::SE_CheckBoxIndicator);
    QVERIFY2(radioContrast >= 45, qPrintable(QString::number(radioContrast)));
    QVERIFY2(checkContrast >= 45, qPrintable(QString::number(checkContrast)));
}

QTEST_MAIN(TestThemeStyle)
#include "tst_themestyle.moc"
