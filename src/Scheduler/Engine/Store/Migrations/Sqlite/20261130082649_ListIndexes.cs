using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Scheduler.Engine.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_created_at",
                table: "pipeline_runs");

            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_pipeline_partition",
                table: "pipeline_runs");

            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_pipeline_state_created_at",
                table: "pipeline_runs");

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_created_at_id",
                table: "pipeline_runs",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_partition_pipeline_created_at_id",
                table: "pipeline_runs",
                columns: new[] { "partition", "pipeline", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_pipeline_created_at_id",
                table: "pipeline_runs",
                columns: new[] { "pipeline", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_pipeline_state_created_at_id",
                table: "pipeline_runs",
                columns: new[] { "pipeline", "state", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_state_created_at_id",
                table: "pipeline_runs",
                columns: new[] { "state", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_created_at_id",
                table: "pipeline_runs");

            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_partition_pipeline_created_at_id",
                table: "pipeline_runs");

            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_pipeline_created_at_id",
                table: "pipeline_runs");

            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_pipeline_state_created_at_id",
                table: "pipeline_runs");

            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_state_created_at_id",
                table: "pipeline_runs");

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_created_at",
                table: "pipeline_runs",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_pipeline_partition",
                table: "pipeline_runs",
                columns: new[] { "pipeline", "partition" });

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_pipeline_state_created_at",
                table: "pipeline_runs",
                columns: new[] { "pipeline", "state", "created_at" });
        }
    }
}
