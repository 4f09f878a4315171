using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pipeline.Scheduler.Engine.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OperatorControls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "overrides_pause",
                table: "pipeline_runs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "priority",
                table: "pipeline_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "cancelled_at",
                table: "backfills",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                table: "backfills",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "filter",
                table: "backfills",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "max_concurrent_runs",
                table: "backfills",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    action = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    pipeline = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    backfill_id = table.Column<Guid>(type: "uuid", nullable: true),
                    details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pipeline_states",
                columns: table => new
                {
                    pipeline = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    paused = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pipeline_states", x => x.pipeline);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_pipeline_state_priority_created_at",
                table: "pipeline_runs",
                columns: new[] { "pipeline", "state", "priority", "created_at" },
                descending: new[] { false, false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_backfills_pipeline_created_at",
                table: "backfills",
                columns: new[] { "pipeline", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_backfill_id",
                table: "audit_records",
                column: "backfill_id");

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_pipeline_at",
                table: "audit_records",
                columns: new[] { "pipeline", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_run_id",
                table: "audit_records",
                column: "run_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "pipeline_states");

            migrationBuilder.DropIndex(
                name: "IX_pipeline_runs_pipeline_state_priority_created_at",
                table: "pipeline_runs");

            migrationBuilder.DropIndex(
                name: "IX_backfills_pipeline_created_at",
                table: "backfills");

            migrationBuilder.DropColumn(
                name: "overrides_pause",
                table: "pipeline_runs");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "pipeline_runs");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "backfills");

            migrationBuilder.DropColumn(
                name: "created_by",
                table: "backfills");

            migrationBuilder.DropColumn(
                name: "filter",
                table: "backfills");

            migrationBuilder.DropColumn(
                name: "max_concurrent_runs",
                table: "backfills");
        }
    }
}
