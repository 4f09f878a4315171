using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Scheduler.Engine.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StartRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Not in the model: only QueuedRunStarter uses it, through plain SQL, and SQLite has no sequences.
            migrationBuilder.Sql("CREATE SEQUENCE pipeline_start_requests;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SEQUENCE pipeline_start_requests;");
        }
    }
}
