using AccessSync.Cloudflare.Wire;

namespace AccessSync.Cloudflare.Tests;

public class PaginationTests
{
    [Test]
    public void Paging_stops_on_the_last_page_total_pages_names()
    {
        var info = new ResultInfo(2, 10, 10, 30, 3);

        Pagination.IsLastPage(2, 10, 10, 20, info).ShouldBeFalse();
        Pagination.IsLastPage(3, 10, 10, 30, info with { Page = 3 }).ShouldBeTrue();
    }

    [Test]
    public void A_full_last_page_ends_paging_without_an_extra_empty_page_when_the_total_is_known()
    {
        Pagination.IsLastPage(3, 10, 10, 30, new ResultInfo(3, 10, 10, 30, null)).ShouldBeTrue();
    }

    [Test]
    public void Without_result_info_a_short_page_is_the_last_and_a_full_one_is_not()
    {
        Pagination.IsLastPage(1, 10, 10, 10, null).ShouldBeFalse();
        Pagination.IsLastPage(2, 10, 3, 13, null).ShouldBeTrue();
        Pagination.IsLastPage(2, 10, 0, 10, null).ShouldBeTrue();
    }

    [Test]
    public void A_server_that_serves_fewer_than_asked_is_paged_by_its_own_page_size()
    {
        // Asked for 1000, the server caps at 50 and says so: a page of 50 is full, not short.
        Pagination.IsLastPage(1, 1000, 50, 50, new ResultInfo(1, 50, 50, null, null)).ShouldBeFalse();
        Pagination.IsLastPage(2, 1000, 20, 70, new ResultInfo(2, 50, 20, null, null)).ShouldBeTrue();
    }

    [Test]
    public void The_first_page_tells_how_many_pages_there_are_from_total_pages_else_from_total_count()
    {
        Pagination.PageCount(1000, new ResultInfo(1, 1000, 1000, 4500, 5)).ShouldBe(5);
        Pagination.PageCount(1000, new ResultInfo(1, 1000, 1000, 4500, null)).ShouldBe(5);
        Pagination.PageCount(1000, new ResultInfo(1, 50, 50, 120, null)).ShouldBe(3, "counted in the server's own page size");
        Pagination.PageCount(1000, new ResultInfo(1, 1000, 0, 0, 0)).ShouldBe(1);
        Pagination.PageCount(1000, new ResultInfo(1, 1000, 1000, null, null)).ShouldBeNull();
        Pagination.PageCount(1000, null).ShouldBeNull();
    }
}
