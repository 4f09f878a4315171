using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Pipeline.Connectors.WindTarget.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "signal",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signal", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staged_minutes",
                columns: table => new
                {
                    timestamp = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    wind_speed = table.Column<double>(type: "double precision", nullable: true),
                    power = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staged_minutes", x => x.timestamp);
                });

            migrationBuilder.CreateTable(
                name: "staged_windows",
                columns: table => new
                {
                    timestamp = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    signal_id = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staged_windows", x => new { x.timestamp, x.signal_id });
                });

            migrationBuilder.CreateTable(
                name: "data",
                columns: table => new
                {
                    timestamp = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    signal_id = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data", x => new { x.timestamp, x.signal_id });
                    table.ForeignKey(
                        name: "FK_data_signal_signal_id",
                        column: x => x.signal_id,
                        principalTable: "signal",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "signal",
                columns: new[] { "id", "name" },
                values: new object[,]
                {
                    { 1, "wind_speed_mean" },
                    { 2, "wind_speed_min" },
                    { 3, "wind_speed_max" },
                    { 4, "wind_speed_std" },
                    { 5, "power_mean" },
                    { 6, "power_min" },
                    { 7, "power_max" },
                    { 8, "power_std" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_data_signal_id_timestamp",
                table: "data",
                columns: new[] { "signal_id", "timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_signal_name",
                table: "signal",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data");

            migrationBuilder.DropTable(
                name: "staged_minutes");

            migrationBuilder.DropTable(
                name: "staged_windows");

            migrationBuilder.DropTable(
                name: "signal");
        }
    }
}
