using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Scheduler.Engine.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StateIdIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_state_created_at_id",
                table: "pipeline_runs");

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_state_id",
                table: "pipeline_runs",
                columns: new[] { "state", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_state_id",
                table: "pipeline_runs");

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_state_created_at_id",
                table: "pipeline_runs",
                columns: new[] { "state", "created_at", "id" });
        }
    }
}
