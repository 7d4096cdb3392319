#pragma once

#include "domain/member.h"
#include "domain/page.h"
#include "domain/placement/failoverjob.h"
#include "domain/placement/migration.h"
#include "domain/waddle.h"

// One page of a paged list (GET /waddles, GET /waddles/{id}/members): the
// domain's Page, whose codec is the wire format server and client share.
namespace waddle::client {

using domain::Page;
using domain::slicePage;

using WaddlePage = Page<domain::Waddle>;
using MemberPage = Page<domain::Member>;
using FailoverPage = Page<domain::FailoverJob>;
using MigrationPage = Page<domain::Migration>;

} // namespace waddle::client
