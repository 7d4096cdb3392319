#include "voiceservice.h"

namespace waddle::cp {

void detach(QCoro::Task<domain::Result<void>> call)
{
    Q_UNUSED(call);
}

} // namespace waddle::cp
