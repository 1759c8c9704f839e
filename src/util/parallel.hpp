// Runs independent pieces of work on a few threads; the caller keeps the results in order.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace kubegate {

/// The number of threads `--jobs 0` means: one per core.
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

/// Calls `work(i)` for every i in [0, n) on up to `jobs` threads (the calling one included), each
/// i once; rethrows the first exception a call threw, after every thread has stopped.
template <class Work>
void parallel_for(std::size_t n, unsigned jobs, Work&& work) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        work(i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  const std::size_t extra = std::min<std::size_t>(jobs, n) > 1 ? std::min<std::size_t>(jobs, n) - 1 : 0;
  for (std::size_t t = 0; t < extra; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace kubegate
