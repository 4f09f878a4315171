using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Scheduler.Engine.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "late_partitions",
                columns: table => new
                {
                    pipeline = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    partition = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    deadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                    notified_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_late_partitions", x => new { x.pipeline, x.partition });
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pipeline = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    partition = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    task = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    batched_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    batch_size = table.Column<int>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_pipeline_kind_channel_batched_at",
                table: "notifications",
                columns: new[] { "pipeline", "kind", "channel", "batched_at" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_run_id",
                table: "notifications",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_state_next_attempt_at",
                table: "notifications",
                columns: new[] { "state", "next_attempt_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "late_partitions");

            migrationBuilder.DropTable(
                name: "notifications");
        }
    }
}
